namespace Outreach.Functions.Pipeline;

/// <summary>The ordinals [From, To] of one page of a push: at most a page's worth of emails to send.</summary>
public sealed record PushRange(int From, int To);
