using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

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
