using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Entities;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers;

namespace Outreach.Functions.Tests.Providers;

/// <summary>Best-effort enrichment per source, over real HTTP against the fake Enrich Layer.</summary>
public sealed class ProviderEnricherTests : IAsyncLifetime
{
    private const string Profile = """{"full_name":"Ada Lovelace","headline":"Mathematician","experiences":[{"company":"Analytical Engines","title":"Analyst","starts_at":{"year":1842}}]}""";

    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Enrich_WhenLinkedInIsConfigured_StoresTheProfileSummaryAndMarksOtherSourcesNotConfigured()
    {
        _server.ThenJson(Profile);

        var outcome = await Enricher().EnrichAsync(Prospect(), Campaign(), TestContext.Current.CancellationToken);

        Assert.Contains("Experience: Analyst at Analytical Engines (1842–present)", outcome.LinkedinSummary, StringComparison.Ordinal);
        Assert.Equal(("ok", "enrichlayer"), (outcome.Sources[EnrichmentFlags.LinkedIn].Status, outcome.Sources[EnrichmentFlags.LinkedIn].Source));
        Assert.Equal("not_configured", outcome.Sources[EnrichmentFlags.Website].Status);
        Assert.Equal("not_configured", outcome.Sources[EnrichmentFlags.TechStack].Status);
    }

    [Fact]
    public async Task Enrich_WhenAnOptionalSourceFails_RecordsItsErrorAndGoesOn()
    {
        _server.ThenStatus(404);

        var outcome = await Enricher().EnrichAsync(Prospect(), Campaign(), TestContext.Current.CancellationToken);

        Assert.Null(outcome.LinkedinSummary);
        Assert.Equal(("failed", "Enrich Layer: no public profile at that URL (404)"), (outcome.Sources[EnrichmentFlags.LinkedIn].Status, outcome.Sources[EnrichmentFlags.LinkedIn].Error));
    }

    [Fact]
    public async Task Enrich_WhenARequiredSourceFailsPermanently_FailsTheProspect()
    {
        _server.ThenStatus(404);

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() =>
            Enricher().EnrichAsync(Prospect(), Campaign(required: true), TestContext.Current.CancellationToken));

        Assert.Equal("Enrich Layer: no public profile at that URL (404)", ex.Message);
    }

    [Fact]
    public async Task Enrich_WhenARequiredSourceIsRateLimitedPastTheCap_LeavesTheRetryToTheOrchestration()
    {
        _server.ThenStatus(429, retryAfter: TimeSpan.FromMinutes(5));

        await Assert.ThrowsAsync<TransientProspectException>(() =>
            Enricher().EnrichAsync(Prospect(), Campaign(required: true), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Enrich_WhenNoKeyIsSet_CallsNothingAndSaysNotConfigured()
    {
        var outcome = await Enricher(key: "").EnrichAsync(Prospect(), Campaign(), TestContext.Current.CancellationToken);

        Assert.Equal("not_configured", outcome.Sources[EnrichmentFlags.LinkedIn].Status);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Enrich_WhenTheProspectHasNoLinkedInUrl_SkipsTheSource()
    {
        var outcome = await Enricher().EnrichAsync(Prospect() with { LinkedinUrl = null }, Campaign(), TestContext.Current.CancellationToken);

        Assert.Equal(("skipped", "The prospect has no LinkedIn URL."), (outcome.Sources[EnrichmentFlags.LinkedIn].Status, outcome.Sources[EnrichmentFlags.LinkedIn].Error));
        Assert.Empty(_server.Requests);
    }

    private static ProspectFacts Prospect() => new(
        Guid.NewGuid(), Guid.NewGuid(), "Ada Lovelace", "ada@engines.example", "Analytical Engines", "Analyst", "https://www.linkedin.com/in/ada-lovelace", "https://engines.example",
        new Dictionary<string, string>());

    private static CampaignBrief Campaign(bool required = false) => new(
        Guid.NewGuid(), "c", "Hi", "Be brief.", [EnrichmentFlags.LinkedIn, EnrichmentFlags.Website, EnrichmentFlags.TechStack],
        required ? [EnrichmentFlags.LinkedIn] : [], "Cost Review", "Review", "Save money", 80, 180);

    private IProspectEnricher Enricher(string key = "el-key-abc")
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:EnrichLayer:ApiKey"] = key,
            ["Providers:EnrichLayer:BaseUrl"] = _server.BaseUrl,
            ["Providers:EnrichLayer:MaxRetryAfterSeconds"] = "1",
            ["Providers:EnrichLayer:MaxRetries"] = "0",
        }).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOutreachProviders();
        services.AddTransient<IProspectEnricher, ProviderEnricher>();
        return services.BuildServiceProvider().GetRequiredService<IProspectEnricher>();
    }
}
