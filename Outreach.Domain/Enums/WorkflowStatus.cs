namespace Outreach.Domain.Enums;

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
