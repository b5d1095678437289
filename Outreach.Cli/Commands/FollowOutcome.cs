namespace Outreach.Cli.Commands;

/// <summary>How following a batch ended.</summary>
internal enum FollowOutcome
{
    /// <summary>The batch ended (COMPLETED, PARTIAL, FAILED or CANCELLED) and its results are written.</summary>
    Ended,

    /// <summary>Its orchestration was paused (<c>outreach pause</c>); <c>outreach resume</c> continues it.</summary>
    Paused,
}
