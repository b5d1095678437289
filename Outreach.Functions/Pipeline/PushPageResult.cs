namespace Outreach.Functions.Pipeline;

/// <summary>What one page of a push did.</summary>
public sealed record PushPageResult(int Pushed, int Skipped, int Failed);
