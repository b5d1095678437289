using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class ServiceConfiguration : EntityConfiguration<Service>
{
    protected override string TableName => "services";

    protected override void ConfigureEntity(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Description).IsText();
        builder.Property(s => s.ValueProposition).IsText();
        builder.Property(s => s.TargetIndustries).IsJsonb();
    }
}
