using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Functions.Pipeline;

/// <summary>A failure that will not go away by retrying (no profile, no credits, bad input): the prospect fails at once.</summary>
public class PermanentProspectException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The batch spent its provider-call budget (<c>Providers__MaxCallsPerBatch</c>); the prospect fails even if the source was optional.</summary>
public sealed class BudgetExceededException(string message) : PermanentProspectException(message);

/// <summary>
/// A failure worth retrying later (rate limit, timeout, 5xx). The orchestration retries it with backoff, waiting at
/// least the provider's requested delay, which travels in the message (failure details carry only type and text).
/// </summary>
public sealed partial class TransientProspectException : Exception
{
    /// <summary>A transient failure.</summary>
    public TransientProspectException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>A transient failure after which the provider asked to wait <paramref name="retryAfter"/>.</summary>
    public TransientProspectException(string message, TimeSpan? retryAfter)
        : base(retryAfter is { } wait ? $"{message}; retry after {Math.Ceiling(Math.Max(0, wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s" : message)
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
