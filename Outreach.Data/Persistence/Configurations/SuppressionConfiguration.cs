using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class SuppressionConfiguration : EntityConfiguration<Suppression>
{
    protected override string TableName => "suppressions";

    protected override void ConfigureEntity(EntityTypeBuilder<Suppression> builder)
    {
        // An address is at most 320 characters, a domain 253 (+ '@'); one row per value.
        builder.Property(s => s.Value).HasMaxLength(320);
        builder.HasIndex(s => s.Value).IsUnique();
        builder.Property(s => s.Source).HasMaxLength(200);
        builder.Property(s => s.Note).IsText();
    }
}
