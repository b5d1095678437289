using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class CompanyProfileConfiguration : EntityConfiguration<CompanyProfile>
{
    protected override string TableName => "company_profiles";

    protected override void ConfigureEntity(EntityTypeBuilder<CompanyProfile> builder)
    {
        builder.Property(c => c.Domain).HasMaxLength(253);
        builder.HasIndex(c => c.Domain).IsUnique();
        builder.Property(c => c.Website).HasMaxLength(2048);
        builder.Property(c => c.CompanySummary).IsText();
        builder.Property(c => c.TechStack).IsJsonb();
        builder.Property(c => c.Sources).IsJsonb();
    }
}
