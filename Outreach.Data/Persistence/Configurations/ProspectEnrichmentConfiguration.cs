using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class ProspectEnrichmentConfiguration : EntityConfiguration<ProspectEnrichment>
{
    protected override string TableName => "prospect_enrichments";

    protected override void ConfigureEntity(EntityTypeBuilder<ProspectEnrichment> builder)
    {
        builder.HasIndex(e => e.ProspectId).IsUnique();
        builder.Property(e => e.CompanyWebsite).HasMaxLength(2048);
        builder.Property(e => e.CompanySummary).IsText();
        builder.Property(e => e.LinkedinSummary).IsText();
        builder.Property(e => e.TechStack).IsJsonb();
        builder.Property(e => e.EnrichmentData).IsJsonb();
        builder.Property(e => e.ErrorMessage).IsText();
    }
}
