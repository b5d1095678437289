namespace Outreach.Domain.Enums;

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
