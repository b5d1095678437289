using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class BatchConfiguration : EntityConfiguration<Batch>
{
    protected override string TableName => "batches";

    protected override void ConfigureEntity(EntityTypeBuilder<Batch> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(300);
        builder.Property(b => b.InstanceId).HasMaxLength(200);
        builder.HasIndex(b => b.InstanceId).IsUnique();
        builder.Property(b => b.ErrorMessage).IsText();
        builder.HasIndex(b => b.UploadId).IsUnique();
        builder.HasIndex(b => b.CampaignId);
        builder.Property(b => b.ProviderCalls).HasDefaultValue(0);

        // The sweeper looks for batches left UPLOADED.
        builder.HasIndex(b => new { b.Status, b.CreatedAt });

        // Counters are changed by guarded transitions; the database refuses any double count outright.
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_batches_counters",
            "enriched_prospects BETWEEN 0 AND total_prospects AND generated_emails >= 0 AND failed_prospects >= 0 AND skipped_prospects >= 0 " +
            "AND generated_emails + failed_prospects + skipped_prospects <= total_prospects"));

        // A campaign with batches cannot be deleted: its prospects and emails are the campaign's history.
        builder.HasOne<Campaign>().WithMany().HasForeignKey(b => b.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CsvUpload>().WithMany().HasForeignKey(b => b.UploadId).OnDelete(DeleteBehavior.Restrict);
    }
}
