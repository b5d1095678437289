using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Domain.Persistence.Configurations;

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

internal sealed class ProspectAnalysisConfiguration : EntityConfiguration<ProspectAnalysis>
{
    protected override string TableName => "prospect_analyses";

    protected override void ConfigureEntity(EntityTypeBuilder<ProspectAnalysis> builder)
    {
        builder.HasIndex(a => a.ProspectId).IsUnique();
        builder.Property(a => a.PersonalizationOpportunities).IsJsonb();
        builder.Property(a => a.PainPoints).IsJsonb();
        builder.Property(a => a.MarketPosition).IsText();
        builder.Property(a => a.SuggestedApproach).IsText();
        builder.Property(a => a.ExecutiveSummary).IsText();
        builder.Property(a => a.ConfidenceScore).HasColumnType("real");
        builder.Property(a => a.Sources).IsJsonb();
        builder.Property(a => a.Model).HasMaxLength(200);
        builder.ToTable(t => t.HasCheckConstraint("ck_prospect_analyses_confidence", "confidence_score BETWEEN 0 AND 1"));
    }
}

internal sealed class GeneratedEmailConfiguration : EntityConfiguration<GeneratedEmail>
{
    protected override string TableName => "generated_emails";

    protected override void ConfigureEntity(EntityTypeBuilder<GeneratedEmail> builder)
    {
        builder.HasIndex(e => e.ProspectId).IsUnique();
        builder.Property(e => e.Subject).HasMaxLength(500);
        builder.Property(e => e.Body).IsText();
        builder.Property(e => e.Model).HasMaxLength(200);
        builder.Property(e => e.ErrorMessage).IsText();
    }
}
