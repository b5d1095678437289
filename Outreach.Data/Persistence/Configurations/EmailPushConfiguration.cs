using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class EmailPushConfiguration : EntityConfiguration<EmailPush>
{
    protected override string TableName => "email_pushes";

    protected override void ConfigureEntity(EntityTypeBuilder<EmailPush> builder)
    {
        // One row per email and sequencer: what makes a second push send nothing twice.
        builder.HasIndex(p => new { p.GeneratedEmailId, p.Target }).IsUnique();
        builder.HasIndex(p => new { p.BatchId, p.Target, p.Status });
        builder.Property(p => p.TargetCampaign).HasMaxLength(200);
        builder.Property(p => p.ExternalLeadId).HasMaxLength(200);
        builder.Property(p => p.Error).IsText();

        // A push is part of its email's story: erased with the person, deleted with the batch.
        builder.HasOne<GeneratedEmail>().WithMany().HasForeignKey(p => p.GeneratedEmailId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Batch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProcessingJob>().WithMany().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
