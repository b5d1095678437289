using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class ProcessingJobConfiguration : EntityConfiguration<ProcessingJob>
{
    protected override string TableName => "processing_jobs";

    protected override void ConfigureEntity(EntityTypeBuilder<ProcessingJob> builder)
    {
        builder.Property(j => j.InstanceId).HasMaxLength(200);
        builder.Property(j => j.ErrorMessage).IsText();
        builder.HasIndex(j => new { j.BatchId, j.CreatedAt });
        builder.ToTable(t => t.HasCheckConstraint("ck_processing_jobs_progress", "progress_current BETWEEN 0 AND progress_total"));

        // Jobs are the history of a batch and go with it; a campaign with jobs is protected through its batches.
        builder.HasOne<Batch>().WithMany().HasForeignKey(j => j.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(j => j.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
