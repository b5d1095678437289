using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Domain.Persistence.Configurations;

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

internal sealed class WorkflowSessionConfiguration : EntityConfiguration<WorkflowSession>
{
    protected override string TableName => "workflow_sessions";

    protected override void ConfigureEntity(EntityTypeBuilder<WorkflowSession> builder)
    {
        builder.Property(w => w.UserSessionId).HasMaxLength(200);
        builder.HasIndex(w => w.UserSessionId);
        builder.HasIndex(w => w.BatchId).IsUnique();
        builder.Property(w => w.ConfigurationData).IsJsonb();
        builder.Property(w => w.StepsCompleted).IsJsonb();
        builder.Property(w => w.ErrorMessage).IsText();

        builder.HasOne<Batch>().WithMany().HasForeignKey(w => w.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class ApiConfigurationConfiguration : EntityConfiguration<ApiConfiguration>
{
    protected override string TableName => "api_configurations";

    protected override void ConfigureEntity(EntityTypeBuilder<ApiConfiguration> builder)
    {
        builder.Property(a => a.Provider).HasMaxLength(50);
        builder.HasIndex(a => a.Provider).IsUnique();
        builder.Property(a => a.Model).HasMaxLength(200);
        builder.Property(a => a.Temperature).HasColumnType("real");
        builder.Property(a => a.PromptTemplates).IsJsonb();
        builder.Property(a => a.IndustryMappings).IsJsonb();
        builder.Property(a => a.SecretSetting).HasMaxLength(200);
    }
}
