namespace Outreach.Functions.Providers.Common;

/// <summary>The resilience settings of one HttpClient.</summary>
/// <param name="RequestsPerSecond">The rate limit.</param>
/// <param name="TimeoutSeconds">The attempt timeout.</param>
/// <param name="MaxRetries">Retries inside one call.</param>
/// <param name="MaxRetryAfterSeconds">Longest requested wait honoured in place.</param>
/// <param name="Mode">What may be retried.</param>
/// <param name="CircuitBreaker">Whether failures of one call should pause the others (not for the website reader, whose targets differ per call).</param>
public sealed record ResilienceSettings(double RequestsPerSecond, int TimeoutSeconds, int MaxRetries, int MaxRetryAfterSeconds, RetryMode Mode, bool CircuitBreaker = true)
{
    /// <summary>The settings of a keyed provider.</summary>
    public static ResilienceSettings Of(ProviderOptions options, RetryMode mode)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.RequestsPerSecond, options.TimeoutSeconds, options.MaxRetries, options.MaxRetryAfterSeconds, mode);
    }
}
