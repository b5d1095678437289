using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class ProspectConfiguration : EntityConfiguration<Prospect>
{
    protected override string TableName => "prospects";

    protected override void ConfigureEntity(EntityTypeBuilder<Prospect> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.EmailNormalized).HasMaxLength(320);
        builder.Property(p => p.Company).HasMaxLength(300);
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.LinkedinUrl).HasMaxLength(2048);
        builder.Property(p => p.Website).HasMaxLength(2048);
        builder.Property(p => p.ExternalId).HasMaxLength(Prospect.MaxExternalIdChars);
        builder.Property(p => p.AdditionalData).IsJsonb();
        builder.Property(p => p.ErrorMessage).IsText();

        builder.HasIndex(p => new { p.CampaignId, p.EmailNormalized }).IsUnique();
        builder.HasIndex(p => new { p.BatchId, p.Ordinal }).IsUnique();
        builder.HasIndex(p => new { p.BatchId, p.Status });

        // A batch owns its prospects; the campaign link is guarded by the batch's own restriction.
        builder.HasOne<Batch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Restrict);

        // Enrichment, analysis and email belong to the prospect and go with it.
        builder.HasOne(p => p.Enrichment).WithOne().HasForeignKey<ProspectEnrichment>(e => e.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Analysis).WithOne().HasForeignKey<ProspectAnalysis>(a => a.ProspectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.GeneratedEmail).WithOne().HasForeignKey<GeneratedEmail>(e => e.ProspectId).OnDelete(DeleteBehavior.Cascade);
    }
}
