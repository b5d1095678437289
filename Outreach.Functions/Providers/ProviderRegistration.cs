using System.Net;
using System.Threading.RateLimiting;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Outreach.Functions.Providers.BuiltWith;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.EnrichLayer;
using Outreach.Functions.Providers.Firecrawl;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Llm;
using Outreach.Functions.Providers.Sequencers;
using Outreach.Functions.Providers.Website;
using Polly;
using TokenCredential = Azure.Core.TokenCredential;

namespace Outreach.Functions.Providers;

/// <summary>Typed HttpClients for the providers, each with its own resilience pipeline built from its settings.</summary>
public static class ProviderRegistration
{
    /// <summary>Every provider with an api_configurations row, in the order the API lists them.</summary>
    public static IReadOnlyList<ProviderDescriptor> Descriptors { get; } =
        [.. LlmProviders.All, EnrichLayerClient.Descriptor, FirecrawlClient.Descriptor, BuiltWithClient.Descriptor];

    /// <summary>Registers the provider clients (a client without a key is registered but never calls out), the company cache and the budget.</summary>
    public static IServiceCollection AddOutreachProviders(this IServiceCollection services)
    {
        services.AddOutreachProviderOptions();
        services.AddOptions<ProviderPolicyOptions>().BindConfiguration(ProviderPolicyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebsiteReaderOptions>().BindConfiguration(WebsiteReaderOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        AddProvider<EnrichLayerClient, EnrichLayerOptions>(services, EnrichLayerClient.Descriptor);
        AddProvider<FirecrawlClient, FirecrawlOptions>(services, FirecrawlClient.Descriptor);
        AddProvider<BuiltWithClient, BuiltWithOptions>(services, BuiltWithClient.Descriptor);
        AddLlm<OpenAIOptions>(services, LlmProviders.OpenAI);
        AddLlm<AzureOpenAIOptions>(services, LlmProviders.AzureOpenAI);
        AddLlm<OpenRouterOptions>(services, LlmProviders.OpenRouter);
        AddLlm<GeminiOptions>(services, LlmProviders.Gemini);

        services.AddOptions<SequencerNetworkOptions>().BindConfiguration(SequencerNetworkOptions.SectionName);
        AddSequencer<InstantlyClient, InstantlyOptions>(services, InstantlyClient.Descriptor);
        AddSequencer<SmartleadClient, SmartleadOptions>(services, SmartleadClient.Descriptor);
        AddSequencer<LemlistClient, LemlistOptions>(services, LemlistClient.Descriptor);

        // The app's Entra ID identity for keyless providers: the managed identity in Azure, az login / environment locally.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<LlmClientFactory>();

        services.AddHttpClient<WebsiteReader>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebsiteReader.CreateHandler(sp.GetRequiredService<IOptionsMonitor<WebsiteReaderOptions>>()))
            .AddResilienceHandler("website", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptionsMonitor<WebsiteReaderOptions>>().CurrentValue;
                Build(pipeline, new ResilienceSettings(o.RequestsPerSecond, o.TimeoutSeconds, MaxRetries: 1, MaxRetryAfterSeconds: 5, RetryMode.Idempotent, CircuitBreaker: false));
            });

        // Anything holding a typed HttpClient is transient, so handlers rotate as the factory intends.
        services.AddTransient<WebsiteSource>();
        services.AddTransient<LlmSelector>();
        services.AddSingleton<CompanyProfileCache>();
        services.AddSingleton<ProviderBudget>();
        services.AddSingleton<ProviderSettingsStore>();
        return services;
    }

    /// <summary>
    /// Each provider's settings, bound from its section and validated, and under its id its current
    /// <see cref="ProviderOptions"/> — without the clients: what the providers' views need (<c>ProviderQueries</c>), so a
    /// process that only reads registers this alone. Registered once, whichever of <c>AddOutreachQueries</c> and
    /// <see cref="AddOutreachProviders"/> asks first.
    /// </summary>
    public static IServiceCollection AddOutreachProviderOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(ProviderOptions)))
        {
            return services;
        }

        AddOptions<EnrichLayerOptions>(services, EnrichLayerClient.Descriptor);
        AddOptions<FirecrawlOptions>(services, FirecrawlClient.Descriptor);
        AddOptions<BuiltWithOptions>(services, BuiltWithClient.Descriptor);
        AddOptions<OpenAIOptions>(services, LlmProviders.OpenAI);
        AddOptions<AzureOpenAIOptions>(services, LlmProviders.AzureOpenAI);
        AddOptions<OpenRouterOptions>(services, LlmProviders.OpenRouter);
        AddOptions<GeminiOptions>(services, LlmProviders.Gemini);
        AddOptions<InstantlyOptions>(services, InstantlyClient.Descriptor);
        AddOptions<SmartleadOptions>(services, SmartleadClient.Descriptor);
        AddOptions<LemlistOptions>(services, LemlistClient.Descriptor);
        return services;
    }

    // The provider's current settings under its id, so the client factory and the views need no second list of providers.
    private static void AddOptions<TOptions>(IServiceCollection services, ProviderDescriptor provider)
        where TOptions : ProviderOptions
    {
        services.AddOptions<TOptions>().BindConfiguration(provider.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedTransient<ProviderOptions>(provider.Id, (sp, _) => sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue);
    }

    private static IHttpClientBuilder AddProvider<TClient, TOptions>(IServiceCollection services, ProviderDescriptor provider)
        where TClient : class
        where TOptions : ProviderOptions
    {
        var client = services.AddHttpClient<TClient>((sp, http) => Configure(http, sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue));
        client.AddResilienceHandler(provider.Id, (pipeline, context) =>
            Build(pipeline, ResilienceSettings.Of(context.ServiceProvider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue, provider.RetryMode)));
        return client;
    }

    // A sequencer is a provider whose base URL is the operator's to set: its connections are address-checked like the
    // website reader's (a base URL pointed at the metadata endpoint would send leads and the key there).
    private static void AddSequencer<TClient, TOptions>(IServiceCollection services, ProviderDescriptor provider)
        where TClient : class, ISequencerClient
        where TOptions : SequencerOptions
    {
        AddProvider<TClient, TOptions>(services, provider)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnection.CreateHandler(
                () => sp.GetRequiredService<IOptionsMonitor<SequencerNetworkOptions>>().CurrentValue.AllowPrivateAddresses, "the sequencer client", allowRedirects: false));
        services.AddTransient<ISequencerClient>(sp => sp.GetRequiredService<TClient>());
    }

    // A named HttpClient per model provider, handed to the SDKs as their transport; the error handler sits outside
    // the resilience pipeline so it sees the final answer, after retries.
    private static void AddLlm<TOptions>(IServiceCollection services, ProviderDescriptor provider)
        where TOptions : LlmOptions
    {
        services.AddHttpClient(provider.Id, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(() => new LlmResponseHandler(provider.DisplayName))
            .AddResilienceHandler(provider.Id, (pipeline, context) =>
                Build(pipeline, ResilienceSettings.Of(context.ServiceProvider.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue, provider.RetryMode)));
    }

    private static void Configure(HttpClient http, ProviderOptions options)
    {
        http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

        // Attempt timeouts live in the pipeline; the client's own would cut across retries.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Outreach/1.0");
    }

    /// <summary>
    /// Outermost first: retry (jittered exponential backoff; honours Retry-After or Google's RetryInfo up to
    /// MaxRetryAfterSeconds — a longer wait is handed back as a rate-limited failure for the orchestration to retry
    /// later instead of blocking a worker), then the rate limiter (every attempt is a request the provider counts),
    /// the circuit breaker, and the attempt timeout.
    /// </summary>
    internal static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceSettings settings)
    {
        if (settings.MaxRetries > 0)
        {
            var cap = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldRetryAfterHeader = false,
                DelayGenerator = async args => args.Outcome.Result is { } r ? await ProviderErrors.RetryDelayAsync(r, args.Context.CancellationToken) : null,
                ShouldHandle = async args => args.Outcome.Result is { } response
                    ? ShouldRetry(response.StatusCode, settings.Mode) && !(await ProviderErrors.RetryDelayAsync(response, args.Context.CancellationToken) > cap)
                    : settings.Mode == RetryMode.Idempotent && args.Outcome.Exception
                        is HttpRequestException { InnerException: not UnsafeAddressException } or TimeoutException or Polly.Timeout.TimeoutRejectedException,
            });
        }

        var perSecond = settings.RequestsPerSecond;
        pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Floor(perSecond)),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / perSecond),
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        if (settings.CircuitBreaker)
        {
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromSeconds(30),
                MinimumThroughput = 10,
                FailureRatio = 0.5,
                BreakDuration = TimeSpan.FromSeconds(15),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds));
    }

    private static bool ShouldRetry(HttpStatusCode status, RetryMode mode) => mode == RetryMode.RejectedOnly
        ? status == HttpStatusCode.TooManyRequests
        : status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
}
