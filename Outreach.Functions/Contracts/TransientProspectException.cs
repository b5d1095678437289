using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Functions.Contracts;

/// <summary>
/// A failure worth retrying later (rate limit, timeout, 5xx). The orchestration retries it with backoff, waiting at
/// least the provider's requested delay, which travels in the message (failure details carry only type and text).
/// The message is scrubbed of secrets (<see cref="SecretScrubber"/>).
/// </summary>
public sealed partial class TransientProspectException : Exception
{
    /// <summary>A transient failure.</summary>
    public TransientProspectException(string message, Exception? inner = null)
        : base(SecretScrubber.Scrub(message), SecretScrubber.SafeInner(inner))
    {
    }

    /// <summary>A transient failure after which the provider (or an open circuit) asked to wait <paramref name="retryAfter"/>.</summary>
    public TransientProspectException(string message, TimeSpan? retryAfter, Exception? inner = null)
        : base(
            SecretScrubber.Scrub(retryAfter is { } wait ? $"{message}; retry after {Math.Ceiling(Math.Max(0, wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s" : message),
            SecretScrubber.SafeInner(inner))
    {
    }

    /// <summary>The wait a failure message asks for, if any (deterministic, so orchestrators may use it).</summary>
    public static TimeSpan? RetryAfterIn(string? message) =>
        message is not null && RetryAfterText().Match(message) is { Success: true } m
            ? TimeSpan.FromSeconds(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"retry after (\d{1,6}) s")]
    private static partial Regex RetryAfterText();
}
