namespace Outreach.Cli.Hosting;

/// <summary>Concurrency of the local engine (<c>LocalEngine__*</c>), sized like host.json's maxConcurrent* settings.</summary>
public sealed class LocalEngineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "LocalEngine";

    /// <summary>Activities running at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>Orchestration episodes running at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 8;

    /// <summary>Control-queue partitions of the task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// How long a message taken by a worker that then stopped stays invisible before another worker may take it
    /// (the backend's default is 5 minutes). Shorter means a restarted run resumes sooner; it must stay above the
    /// longest activity, or a slow activity runs twice (harmless — activities are idempotent — but wasted).
    /// </summary>
    public int VisibilityTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// How long a running orchestration stays in memory waiting for its next message before it is released, as
    /// host.json's <c>extendedSessionIdleTimeoutInSeconds</c> (30) in Azure; 0 turns extended sessions off, and every
    /// episode then reads the orchestration's history from the task hub again.
    /// </summary>
    public int ExtendedSessionIdleTimeoutSeconds { get; set; } = 30;
}
