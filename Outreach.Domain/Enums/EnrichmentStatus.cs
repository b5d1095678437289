namespace Outreach.Domain.Enums;

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
