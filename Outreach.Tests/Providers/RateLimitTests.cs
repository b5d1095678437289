using Outreach.Functions.Providers.EnrichLayer;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>The per-provider limiter holds its configured rate however many callers there are (an upper bound, so a slow machine cannot fail it).</summary>
public sealed class RateLimitTests(PostgresServer server)
{
    [Fact]
    public async Task Send_WhenManyCallersArriveAtOnce_KeepsTheProviderWithinItsConfiguredRate()
    {
        await using var api = await FakeProviderServer.StartAsync();
        api.Always(async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, """{"full_name":"Ada"}""", ctx.RequestAborted);
        });
        var settings = ProviderHarness.Provider("EnrichLayer", api, ProviderHarness.EnrichLayerKey);
        settings["Providers:EnrichLayer:RequestsPerSecond"] = "10";
        await using var h = await ProviderHarness.StartAsync(server, settings);
        var client = h.Get<EnrichLayerClient>();

        var start = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.GetProfileAsync($"https://www.linkedin.com/in/p{i}", TestContext.Current.CancellationToken)));

        var at = api.Requests.Select(r => r.At).Order().ToList();
        Assert.Equal(30, at.Count);

        // A bucket of 10 tokens refilled one every 100 ms: the k-th call (k > 10) cannot leave before (k - 11) × 100 ms
        // after the start (the first refill may come at once). A busy machine only delays calls, so this lower bound
        // holds however loaded it is — unlike counting calls per window, which a delayed burst can crowd.
        for (var k = 11; k <= at.Count; k++)
        {
            var earliest = start + TimeSpan.FromMilliseconds((k - 11) * 100 - 20);
            Assert.True(at[k - 1] >= earliest, $"Call {k} reached the provider {(at[k - 1] - start).TotalMilliseconds:F0} ms after the start; at 10/s with a burst of 10 it cannot before {(earliest - start).TotalMilliseconds:F0} ms.");
        }
    }
}
