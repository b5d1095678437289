namespace Outreach.Functions.Pipeline;

/// <summary>A failure that will not go away by retrying (no profile, no credits, bad input): the prospect fails at once.</summary>
public sealed class PermanentProspectException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A failure worth retrying later (rate limit, timeout, 5xx). The orchestration retries it with backoff.</summary>
public sealed class TransientProspectException(string message, Exception? inner = null) : Exception(message, inner);
