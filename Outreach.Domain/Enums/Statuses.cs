namespace Outreach.Domain.Enums;

// Each enum is a PostgreSQL enum type. Member names are translated to UPPER_SNAKE_CASE labels
// (Pending -> PENDING, PendingReview -> PENDING_REVIEW) by UpperSnakeCaseNameTranslator, so the
// labels in the database are exactly the seed's values. Never renumber or rename a member without
// a migration that renames the label.

/// <summary>Where a prospect is in the per-prospect pipeline.</summary>
public enum ProspectStatus
{
    /// <summary>Imported, not yet picked up.</summary>
    Pending,
    /// <summary>Enrichment sources are being queried.</summary>
    Enriching,
    /// <summary>Enrichment finished (possibly with some sources missing).</summary>
    Enriched,
    /// <summary>Analysis and email generation are running.</summary>
    Generating,
    /// <summary>An email was generated.</summary>
    Completed,
    /// <summary>Failed permanently; see error_message.</summary>
    Failed,
}

/// <summary>State of a prospect's enrichment row.</summary>
public enum EnrichmentStatus
{
    /// <summary>Not started.</summary>
    Pending,
    /// <summary>Sources are being queried.</summary>
    Processing,
    /// <summary>Finished; per-source results are in enrichment_data.</summary>
    Completed,
    /// <summary>A required source failed.</summary>
    Failed,
}

/// <summary>State of a generated email.</summary>
public enum GenerationStatus
{
    /// <summary>Not started.</summary>
    Pending,
    /// <summary>The generator is running.</summary>
    Generating,
    /// <summary>Subject and body are stored.</summary>
    Completed,
    /// <summary>Generation failed; see error_message.</summary>
    Failed,
}

/// <summary>State of a batch of prospects from one upload.</summary>
public enum BatchStatus
{
    /// <summary>Stored; the orchestration has not started yet.</summary>
    Uploaded,
    /// <summary>Prospects are being enriched.</summary>
    Enriching,
    /// <summary>Enrichment is done for every prospect.</summary>
    Enriched,
    /// <summary>Emails are being generated.</summary>
    Generating,
    /// <summary>Every prospect completed.</summary>
    Completed,
    /// <summary>No prospect completed, or the batch itself failed.</summary>
    Failed,
    /// <summary>Some prospects completed and some did not.</summary>
    Partial,
}

/// <summary>The step a user-facing workflow session is on.</summary>
public enum WorkflowStep
{
    /// <summary>The CSV was uploaded.</summary>
    UploadCsv,
    /// <summary>Campaign settings were chosen.</summary>
    CampaignSettings,
    /// <summary>Enrichment sources were chosen.</summary>
    EnrichmentConfig,
    /// <summary>Enrichment is running.</summary>
    BeginEnrichment,
    /// <summary>Emails are being generated.</summary>
    EmailGeneration,
    /// <summary>The workflow finished.</summary>
    Completed,
}

/// <summary>Whether a workflow session is running.</summary>
public enum WorkflowStatus
{
    /// <summary>Running.</summary>
    Active,
    /// <summary>Suspended by a user.</summary>
    Paused,
    /// <summary>Finished (the batch reached a final status).</summary>
    Completed,
    /// <summary>Cancelled by a user.</summary>
    Abandoned,
    /// <summary>Stopped by an error.</summary>
    Error,
}

/// <summary>What a processing job runs.</summary>
public enum JobType
{
    /// <summary>Enrichment only.</summary>
    Enrichment,
    /// <summary>Analysis and email generation only.</summary>
    Generation,
    /// <summary>Enrichment, analysis and generation.</summary>
    FullPipeline,
}

/// <summary>State of a processing job (one orchestration run).</summary>
public enum JobStatus
{
    /// <summary>Created, not started.</summary>
    Pending,
    /// <summary>The orchestration is running.</summary>
    Running,
    /// <summary>The orchestration finished.</summary>
    Completed,
    /// <summary>The orchestration failed.</summary>
    Failed,
    /// <summary>Cancelled by a user.</summary>
    Cancelled,
}

/// <summary>A person's verdict on a generated email.</summary>
public enum ReviewStatus
{
    /// <summary>Nobody has reviewed it yet.</summary>
    PendingReview,
    /// <summary>Approved for sending.</summary>
    Approved,
    /// <summary>Rejected.</summary>
    Rejected,
}

/// <summary>State of a received CSV file.</summary>
public enum UploadStatus
{
    /// <summary>Received, being imported.</summary>
    Received,
    /// <summary>Imported into a batch (rows may still have been rejected).</summary>
    Imported,
    /// <summary>The whole file was rejected; see error_message.</summary>
    Failed,
}

/// <summary>Which earlier prospects an upload is deduplicated against (always also within the file).</summary>
public enum DedupeScope
{
    /// <summary>Skip emails already in this campaign.</summary>
    Campaign,
    /// <summary>Skip emails already in any campaign.</summary>
    Global,
}
