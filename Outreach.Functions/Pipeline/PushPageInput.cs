namespace Outreach.Functions.Pipeline;

/// <summary>Input of one page of a push.</summary>
public sealed record PushPageInput(PushInput Push, int From, int To);
