namespace Outreach.Functions.Application;

/// <summary>How many of a batch's prospects failed for one reason ("12 × website: does not resolve").</summary>
public sealed record FailureCount(string Reason, int Count);
