namespace Outreach.Domain.Enums;

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
    /// <summary>Not processed: the campaign's verification setting excludes its address (the reason is in error_message). Not a failure.</summary>
    Skipped,
}
