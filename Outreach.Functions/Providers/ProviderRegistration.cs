using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Outreach.Functions.Providers.EnrichLayer;

namespace Outreach.Functions.Providers;

/// <summary>Typed HttpClients for the providers, each with its own resilience pipeline built from its settings.</summary>
public static class ProviderRegistration
{
    /// <summary>Registers the provider clients (a client without a key is registered but never calls out).</summary>
    public static IServiceCollection AddOutreachProviders(this IServiceCollection services)
    {
        services.AddOptions<EnrichLayerOptions>().BindConfiguration(EnrichLayerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<EnrichLayerClient>((sp, http) => Configure(http, sp.GetRequiredService<IOptionsMonitor<EnrichLayerOptions>>().CurrentValue))
            .AddResilienceHandler("enrichlayer", (pipeline, context) =>
                Build(pipeline, context.ServiceProvider.GetRequiredService<IOptionsMonitor<EnrichLayerOptions>>().CurrentValue, retryIsSafe: true));
        return services;
    }

    private static void Configure(HttpClient http, ProviderOptions options)
    {
        http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

        // Attempt timeouts live in the pipeline; the client's own would cut across retries.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Outreach/1.0 (+prospect research; contact the sender of the email)");
    }

    /// <summary>
    /// Outermost first: retry (jittered exponential backoff; honours Retry-After up to MaxRetryAfterSeconds — a
    /// longer wait is handed back as a rate-limited failure for the orchestration to retry later), then the rate
    /// limiter (every attempt is a request the provider counts), the circuit breaker, and the attempt timeout.
    /// Calls that are not safe to repeat (a POST the provider may have processed) get no retry here.
    /// </summary>
    internal static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ProviderOptions options, bool retryIsSafe)
    {
        if (retryIsSafe && options.MaxRetries > 0)
        {
            var cap = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response
                        ? IsTransient(response.StatusCode) && !(ProviderErrors.RetryAfterOf(response) > cap)
                        : args.Outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException),
            });
        }

        var perSecond = options.RequestsPerSecond;
        pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond)),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / perSecond),
            QueueLimit = 1_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            SamplingDuration = TimeSpan.FromSeconds(30),
            MinimumThroughput = 10,
            FailureRatio = 0.5,
            BreakDuration = TimeSpan.FromSeconds(15),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
}
