using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers;
using Outreach.Functions.Providers.EnrichLayer;

namespace Outreach.Cli.Benchmarks;

/// <summary>
/// <c>outreach bench providers [--rate R] [--seconds S] [--callers C]</c>: the real Enrich Layer client (its
/// resilience pipeline and rate limiter configured at R/s) against a local stand-in that enforces R requests per
/// second and answers 429 with Retry-After above it, under C concurrent callers. Targets: sustained successes
/// ≥ 0.85·R and ≤ 5 % of attempts answered 429. Provider settings come through api_configurations, so it uses a
/// throw-away database.
/// </summary>
internal static class ProviderBench
{
    private const double SuccessTarget = 0.85;
    private const double RejectedTarget = 0.05;

    public static async Task<int> RunAsync(double rate, int seconds, int callers, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Provider settings are read through api_configurations, so the client needs a (throw-away) database.
        if (await BenchDatabase.ConfiguredAsync(error) is not { } configured)
        {
            return 2;
        }

        await using var bench = await ThrowawayDatabase.CreateAsync(configured, "outreach_bench_providers", cancellationToken);
        return await RunAsync(bench.ConnectionString, rate, seconds, callers, output, cancellationToken);
    }

    private static async Task<int> RunAsync(string connectionString, double rate, int seconds, int callers, TextWriter output, CancellationToken cancellationToken)
    {
        await using var provider = await RateLimitedProvider.StartAsync(rate);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["Providers:EnrichLayer:ApiKey"] = "bench-key",
            ["Providers:EnrichLayer:BaseUrl"] = provider.BaseUrl,
            ["Providers:EnrichLayer:RequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Providers:EnrichLayer:MaxRetries"] = "3",
            ["Providers:EnrichLayer:MaxRetryAfterSeconds"] = "5",
        }).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddOutreachPersistence();
        services.AddOutreachReads();
        services.AddOutreachProviders();
        await using var sp = services.BuildServiceProvider();
        await BenchCommand.MigrateAsync(sp.GetRequiredService<NpgsqlDataSource>(), cancellationToken);

        await output.WriteLineAsync($"providers: Enrich Layer client at {rate} req/s against a provider enforcing {rate} req/s (429 above), {callers} callers, {seconds} s");
        // The first seconds spend both buckets' initial burst; "sustained" is measured after them.
        var warmUp = TimeSpan.FromSeconds(Math.Min(2, seconds / 4.0));
        var successes = 0;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var client = sp.GetRequiredService<EnrichLayerClient>();
            for (var i = 0; clock.Elapsed < deadline; i++)
            {
                try
                {
                    await client.GetProfileAsync($"https://www.linkedin.com/in/bench-{caller}-{i}", cancellationToken);
                    if (clock.Elapsed >= warmUp && clock.Elapsed <= deadline)
                    {
                        Interlocked.Increment(ref successes);
                    }
                }
                catch (Exception ex) when (ex is TransientProspectException or PermanentProspectException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        var perSecond = successes / (deadline - warmUp).TotalSeconds;
        var rejectedShare = provider.Attempts == 0 ? 0 : provider.Rejected / (double)provider.Attempts;
        var ok = perSecond >= SuccessTarget * rate && rejectedShare <= RejectedTarget;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  successes after a {warmUp.TotalSeconds:F1} s warm-up: {successes} in {(deadline - warmUp).TotalSeconds:F1} s = {perSecond:F2} req/s = {perSecond / rate:F3}·R (target >= {SuccessTarget}·R); calls failed {failures}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  attempts reaching the provider {provider.Attempts}, answered 429: {provider.Rejected} = {rejectedShare:P1} (target <= {RejectedTarget:P0})"));
        await output.WriteLineAsync(ok ? "  PASS" : "  FAIL");
        return ok ? 0 : 1;
    }

    /// <summary>A stand-in Enrich Layer that admits R requests per second (a bucket of R tokens refilled continuously) and answers 429 above it.</summary>
    private sealed class RateLimitedProvider : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly double _rate;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private WebApplication _app = null!;
        private double _tokens;
        private TimeSpan _last;
        private int _attempts;
        private int _rejected;

        private RateLimitedProvider(double rate)
        {
            _rate = rate;
            _tokens = rate;
        }

        public string BaseUrl { get; private set; } = string.Empty;

        public int Attempts => Volatile.Read(ref _attempts);

        public int Rejected => Volatile.Read(ref _rejected);

        public static async Task<RateLimitedProvider> StartAsync(double rate)
        {
            var provider = new RateLimitedProvider(rate);
            var builder = InProcessWebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            provider._app = builder.Build();
            provider._app.Run(provider.HandleAsync);
            await provider._app.StartAsync();
            provider.BaseUrl = provider._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return provider;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext context)
        {
            Interlocked.Increment(ref _attempts);
            bool admitted;
            lock (_gate)
            {
                var now = _clock.Elapsed;
                _tokens = Math.Min(_rate, _tokens + ((now - _last).TotalSeconds * _rate));
                _last = now;
                admitted = _tokens >= 1;
                if (admitted)
                {
                    _tokens -= 1;
                }
            }

            if (!admitted)
            {
                Interlocked.Increment(ref _rejected);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"full_name":"Bench Person","headline":"Benchmark"}""", context.RequestAborted);
        }
    }
}
