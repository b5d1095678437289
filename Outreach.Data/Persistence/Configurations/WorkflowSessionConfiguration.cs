using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence.Configurations;

internal sealed class WorkflowSessionConfiguration : EntityConfiguration<WorkflowSession>
{
    protected override string TableName => "workflow_sessions";

    protected override void ConfigureEntity(EntityTypeBuilder<WorkflowSession> builder)
    {
        builder.Property(w => w.UserSessionId).HasMaxLength(200);
        builder.HasIndex(w => w.BatchId).IsUnique();
        builder.Property(w => w.ConfigurationData).IsJsonb();
        builder.Property(w => w.StepsCompleted).IsJsonb();
        builder.Property(w => w.ErrorMessage).IsText();
        builder.Property(w => w.Guided).HasDefaultValue(false);

        // The wizard finds a browser's sessions, newest first.
        builder.HasIndex(w => new { w.UserSessionId, w.CreatedAt });

        builder.HasOne<Batch>().WithMany().HasForeignKey(w => w.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
