namespace Outreach.Functions.Contracts;

/// <summary>
/// A failure that will not go away by retrying (no profile, no credits, bad input): the prospect fails at once.
/// The message is scrubbed of secrets (<see cref="SecretScrubber"/>), and so is what the inner exception would carry.
/// </summary>
public class PermanentProspectException(string message, Exception? inner = null)
    : Exception(SecretScrubber.Scrub(message), SecretScrubber.SafeInner(inner));
