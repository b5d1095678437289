namespace Outreach.Functions.Pipeline;

/// <summary>A push's pages and how to retry them: ordinal ranges only, so the history stays small whatever the batch.</summary>
public sealed record PushPlan(IReadOnlyList<PushRange> Pages, int MaxPagesInFlight, int MaxAttempts, int FirstRetryDelaySeconds);
