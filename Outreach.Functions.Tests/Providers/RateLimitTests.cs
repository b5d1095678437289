using Outreach.Functions.Providers.EnrichLayer;
using Outreach.Functions.Tests.Infrastructure;

namespace Outreach.Functions.Tests.Providers;

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

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.GetProfileAsync($"https://www.linkedin.com/in/p{i}", TestContext.Current.CancellationToken)));

        var at = api.Requests.Select(r => r.At).Order().ToList();
        Assert.Equal(30, at.Count);

        // A bucket of 10 tokens refilled at 10/s: at most 10 + 10 in any second, and 30 calls need about 2 s.
        var busiestSecond = at.Max(start => at.Count(t => t >= start && t < start.AddSeconds(1)));
        Assert.True(busiestSecond <= 21, $"{busiestSecond} requests reached the provider within one second; the limit is 10/s with a burst of 10.");
        Assert.True(at[^1] - at[0] >= TimeSpan.FromSeconds(1.5), $"30 requests took only {(at[^1] - at[0]).TotalSeconds:F2} s at 10/s.");
    }
}
