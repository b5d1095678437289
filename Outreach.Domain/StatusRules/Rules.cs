using Outreach.Domain.Enums;

namespace Outreach.Domain.StatusRules;

/// <summary>The status rules of every entity with a status, in one place so they can be read side by side.</summary>
public static class Rules
{
    /// <summary>
    /// Prospects go forward one step at a time or fail from any active step. A failed prospect may be
    /// re-queued from the start (PENDING) or, when its enrichment is kept, from ENRICHED (retry of generation).
    /// </summary>
    public static StatusMachine<ProspectStatus> Prospect { get; } = new("Prospect", new Dictionary<ProspectStatus, ProspectStatus[]>
    {
        [ProspectStatus.Pending] = [ProspectStatus.Enriching, ProspectStatus.Failed, ProspectStatus.Skipped],
        [ProspectStatus.Enriching] = [ProspectStatus.Enriched, ProspectStatus.Failed],
        [ProspectStatus.Enriched] = [ProspectStatus.Generating, ProspectStatus.Failed],
        [ProspectStatus.Generating] = [ProspectStatus.Completed, ProspectStatus.Failed],
        // Back to ENRICHED when its email is written again (a regeneration after the campaign changed).
        [ProspectStatus.Completed] = [ProspectStatus.Enriched],
        [ProspectStatus.Failed] = [ProspectStatus.Pending, ProspectStatus.Enriched],
        [ProspectStatus.Skipped] = [],
    });

    /// <summary>
    /// A batch starts when its orchestration does, may skip ENRICHED because prospects move through the
    /// pipeline independently, and ends in a final status. PARTIAL and FAILED batches may be retried, and any
    /// ended batch but a CANCELLED one may have its emails regenerated (back to GENERATING).
    /// </summary>
    public static StatusMachine<BatchStatus> Batch { get; } = new("Batch", new Dictionary<BatchStatus, BatchStatus[]>
    {
        [BatchStatus.Uploaded] = [BatchStatus.Enriching, BatchStatus.Failed],
        [BatchStatus.Enriching] = [BatchStatus.Enriched, BatchStatus.Generating, BatchStatus.Completed, BatchStatus.Partial, BatchStatus.Failed],
        [BatchStatus.Enriched] = [BatchStatus.Generating, BatchStatus.Completed, BatchStatus.Partial, BatchStatus.Failed],
        [BatchStatus.Generating] = [BatchStatus.Completed, BatchStatus.Partial, BatchStatus.Failed],
        [BatchStatus.Completed] = [BatchStatus.Generating],
        [BatchStatus.Partial] = [BatchStatus.Enriching, BatchStatus.Generating],
        [BatchStatus.Failed] = [BatchStatus.Enriching, BatchStatus.Generating],
    });

    /// <summary>Enrichment may be re-run after it completed or failed (retry or refresh of stale data).</summary>
    public static StatusMachine<EnrichmentStatus> Enrichment { get; } = new("Enrichment", new Dictionary<EnrichmentStatus, EnrichmentStatus[]>
    {
        [EnrichmentStatus.Pending] = [EnrichmentStatus.Processing, EnrichmentStatus.Failed],
        [EnrichmentStatus.Processing] = [EnrichmentStatus.Completed, EnrichmentStatus.Failed],
        [EnrichmentStatus.Completed] = [EnrichmentStatus.Processing],
        [EnrichmentStatus.Failed] = [EnrichmentStatus.Processing],
    });

    /// <summary>A completed email is never silently regenerated: it may already have been reviewed.</summary>
    public static StatusMachine<GenerationStatus> Generation { get; } = new("Email", new Dictionary<GenerationStatus, GenerationStatus[]>
    {
        [GenerationStatus.Pending] = [GenerationStatus.Generating, GenerationStatus.Failed],
        [GenerationStatus.Generating] = [GenerationStatus.Completed, GenerationStatus.Failed],
        [GenerationStatus.Completed] = [],
        [GenerationStatus.Failed] = [GenerationStatus.Generating],
    });

    /// <summary>Reviewers may change their mind; the guard that matters is that only a generated email is reviewed.</summary>
    public static StatusMachine<ReviewStatus> Review { get; } = new("Email review", new Dictionary<ReviewStatus, ReviewStatus[]>
    {
        // A reviewer's edit starts the review over: PENDING_REVIEW, or NEEDS_ATTENTION when the quality gate flags it.
        [ReviewStatus.PendingReview] = [ReviewStatus.Approved, ReviewStatus.Rejected, ReviewStatus.NeedsAttention],
        [ReviewStatus.NeedsAttention] = [ReviewStatus.Approved, ReviewStatus.Rejected, ReviewStatus.PendingReview],
        [ReviewStatus.Approved] = [ReviewStatus.Rejected, ReviewStatus.PendingReview, ReviewStatus.NeedsAttention],
        [ReviewStatus.Rejected] = [ReviewStatus.Approved, ReviewStatus.PendingReview, ReviewStatus.NeedsAttention],
    });

    /// <summary>A job runs once; a retry is a new job.</summary>
    public static StatusMachine<JobStatus> Job { get; } = new("Processing job", new Dictionary<JobStatus, JobStatus[]>
    {
        [JobStatus.Pending] = [JobStatus.Running, JobStatus.Failed, JobStatus.Cancelled],
        [JobStatus.Running] = [JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled],
        [JobStatus.Completed] = [],
        [JobStatus.Failed] = [],
        [JobStatus.Cancelled] = [],
    });

    /// <summary>
    /// A finished or failed session is re-activated when its batch is retried; an abandoned (cancelled) one is not.
    /// </summary>
    public static StatusMachine<WorkflowStatus> Workflow { get; } = new("Workflow session", new Dictionary<WorkflowStatus, WorkflowStatus[]>
    {
        [WorkflowStatus.Active] = [WorkflowStatus.Paused, WorkflowStatus.Completed, WorkflowStatus.Abandoned, WorkflowStatus.Error],
        [WorkflowStatus.Paused] = [WorkflowStatus.Active, WorkflowStatus.Abandoned, WorkflowStatus.Error],
        [WorkflowStatus.Completed] = [WorkflowStatus.Active],
        [WorkflowStatus.Abandoned] = [],
        [WorkflowStatus.Error] = [WorkflowStatus.Active],
    });

    /// <summary>An upload is imported or rejected exactly once.</summary>
    public static StatusMachine<UploadStatus> Upload { get; } = new("Upload", new Dictionary<UploadStatus, UploadStatus[]>
    {
        [UploadStatus.Received] = [UploadStatus.Imported, UploadStatus.Failed],
        [UploadStatus.Imported] = [],
        [UploadStatus.Failed] = [],
    });
}
