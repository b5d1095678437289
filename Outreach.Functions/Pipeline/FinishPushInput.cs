namespace Outreach.Functions.Pipeline;

/// <summary>Input of the push's fan-in: the push, and the first reason a page failed for good (null when none did).</summary>
public sealed record FinishPushInput(PushInput Push, string? FailureReason);
