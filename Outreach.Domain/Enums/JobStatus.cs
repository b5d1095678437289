namespace Outreach.Domain.Enums;

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
