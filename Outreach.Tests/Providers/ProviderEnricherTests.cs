using Microsoft.AspNetCore.Http;
using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>Best-effort enrichment per source over real HTTP (fake Enrich Layer, Firecrawl, BuiltWith and a fake company website), with the real cache and budget in PostgreSQL.</summary>
public sealed class ProviderEnricherTests(PostgresServer server) : IAsyncLifetime
{
    private const string Profile = """{"full_name":"Ada Lovelace","headline":"Mathematician","experiences":[{"company":"Analytical Engines","title":"Analyst","starts_at":{"year":1842}}]}""";
    private const string Technologies = """{"Results":[{"Result":{"Paths":[{"Technologies":[{"Name":"Kubernetes","Tag":"hosting","Categories":["Container Orchestration"]}]}]}}],"Errors":[]}""";
    private const string Html = "<html><head><title>Analytical Engines</title></head><body><main><p>We build engines for computation.</p></main></body></html>";

    private FakeProviderServer _linkedIn = null!;
    private FakeProviderServer _builtWith = null!;
    private FakeProviderServer _firecrawl = null!;
    private FakeProviderServer _site = null!;

    public async ValueTask InitializeAsync()
    {
        _linkedIn = await FakeProviderServer.StartAsync();
        _builtWith = await FakeProviderServer.StartAsync();
        _firecrawl = await FakeProviderServer.StartAsync();
        _site = await FakeProviderServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in new[] { _linkedIn, _builtWith, _firecrawl, _site })
        {
            await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task Enrich_WhenEverySourceAnswers_CombinesProfileWebsiteAndTechStack()
    {
        await using var h = await Harness();
        _linkedIn.ThenJson(Profile);
        _site.ThenHtml(Html);
        _builtWith.ThenJson(Technologies);

        var outcome = await Enrich(h, h.Prospect(website: _site.BaseUrl));

        Assert.Contains("Experience: Analyst at Analytical Engines (1842–present)", outcome.LinkedinSummary, StringComparison.Ordinal);
        Assert.Equal("Analytical Engines\n\nWe build engines for computation.", outcome.CompanySummary);
        Assert.Equal(_site.BaseUrl.TrimEnd('/') + "/", outcome.CompanyWebsite);
        Assert.Equal([new TechStackItem("Kubernetes", "Container Orchestration")], outcome.TechStack);
        Assert.Equal(
            [("linkedin", "ok", "enrichlayer"), ("techstack", "ok", "builtwith"), ("website", "ok", "builtin")],
            outcome.Sources.OrderBy(s => s.Key).Select(s => (s.Key, s.Value.Status, s.Value.Source)));
    }

    [Fact]
    public async Task Enrich_WhenFirecrawlIsConfiguredButFailsPermanently_FallsBackToTheBuiltInReader()
    {
        await using var h = await Harness(ProviderHarness.Provider("Firecrawl", _firecrawl, ProviderHarness.FirecrawlKey));
        _firecrawl.ThenJson("""{"success":true,"data":{"markdown":"Forbidden","metadata":{"statusCode":403,"sourceURL":"x"}}}""");
        _site.ThenHtml(Html);

        var outcome = await Enrich(h, h.Prospect(website: _site.BaseUrl), Campaign(EnrichmentFlags.Website));

        Assert.Single(_firecrawl.Requests);
        Assert.Equal(("ok", "builtin"), (outcome.Sources["website"].Status, outcome.Sources["website"].Source));
        Assert.Contains("We build engines", outcome.CompanySummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrich_WhenFirecrawlAnswers_UsesItsMarkdownAsTheSummary()
    {
        await using var h = await Harness(ProviderHarness.Provider("Firecrawl", _firecrawl, ProviderHarness.FirecrawlKey));
        _firecrawl.ThenJson("""{"success":true,"data":{"markdown":"## Engines\nWe **build** [engines](https://x).","metadata":{"title":"Analytical Engines","statusCode":200,"url":"https://engines.example/"}}}""");

        var outcome = await Enrich(h, h.Prospect(website: "https://engines.example"), Campaign(EnrichmentFlags.Website));

        Assert.Equal(("https://engines.example/", "Analytical Engines\n\nEngines\nWe build engines."), (outcome.CompanyWebsite, outcome.CompanySummary));
        Assert.Equal("firecrawl", outcome.Sources["website"].Source);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task Enrich_WhenManyProspectsShareACompany_CallsEachCompanySourceOnceAndServesTheRestFromTheCache()
    {
        await using var h = await Harness();
        _site.Always(async ctx =>
        {
            await Task.Delay(200, ctx.RequestAborted);
            ctx.Response.ContentType = "text/html";
            await ctx.Response.WriteAsync(Html, ctx.RequestAborted);
        });
        _builtWith.Always(async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(Technologies, ctx.RequestAborted);
        });
        var campaign = Campaign(EnrichmentFlags.Website, EnrichmentFlags.TechStack);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Enrich(h, h.Prospect(email: $"p{i}@engines.example", website: _site.BaseUrl), campaign)));

        Assert.Single(_site.Requests);
        Assert.Single(_builtWith.Requests);
        Assert.All(outcomes, o => Assert.Equal("Analytical Engines\n\nWe build engines for computation.", o.CompanySummary));
        Assert.Equal(7, outcomes.Count(o => o.Sources["website"].Status == "cached"));
        Assert.Equal(7, outcomes.Count(o => o.Sources["techstack"].Status == "cached"));
        Assert.Equal(1L, await h.Database.ScalarAsync<long>("SELECT count(*) FROM company_profiles WHERE domain = '127.0.0.1'"));
        Assert.Equal(2, await h.Database.ScalarAsync<int>("SELECT provider_calls FROM batches"));
    }

    [Fact]
    public async Task Enrich_WhenACompanyWebsiteIsGone_CachesThePermanentFailureSoTheNextProspectDoesNotAskAgain()
    {
        await using var h = await Harness();
        _site.ThenStatus(404);
        var campaign = Campaign(EnrichmentFlags.Website);

        var first = await Enrich(h, h.Prospect(website: _site.BaseUrl), campaign);
        var second = await Enrich(h, h.Prospect(email: "b@engines.example", website: _site.BaseUrl), campaign);

        Assert.Single(_site.Requests);
        Assert.Equal("failed", first.Sources["website"].Status);
        Assert.Equal(first.Sources["website"].Error, second.Sources["website"].Error);
        Assert.StartsWith("Website reader (127.0.0.1): no page at that address (404)", second.Sources["website"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrich_WhenTheBatchBudgetIsSpent_FailsTheProspectWithBudgetExceededEvenForOptionalSources()
    {
        await using var h = await Harness(new Dictionary<string, string?> { ["Providers:MaxCallsPerBatch"] = "1" });
        _linkedIn.ThenJson(Profile);
        var campaign = Campaign(EnrichmentFlags.LinkedIn);
        await Enrich(h, h.Prospect(), campaign);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => Enrich(h, h.Prospect(email: "b@engines.example"), campaign));

        Assert.Equal("Provider budget exceeded: the batch has made its 1 provider calls (Providers__MaxCallsPerBatch), so Enrich Layer was not called.", ex.Message);
        Assert.Single(_linkedIn.Requests);
        Assert.Equal(1, await h.Database.ScalarAsync<int>("SELECT provider_calls FROM batches"));
    }

    [Fact]
    public async Task Enrich_WhenAnOptionalSourceFails_RecordsItsErrorAndGoesOn()
    {
        await using var h = await Harness();
        _linkedIn.ThenStatus(404);

        var outcome = await Enrich(h, h.Prospect(), Campaign(EnrichmentFlags.LinkedIn));

        Assert.Null(outcome.LinkedinSummary);
        Assert.Equal(("failed", "Enrich Layer: no public profile at that URL (404)"), (outcome.Sources[EnrichmentFlags.LinkedIn].Status, outcome.Sources[EnrichmentFlags.LinkedIn].Error));
    }

    [Fact]
    public async Task Enrich_WhenARequiredSourceFailsPermanently_FailsTheProspect()
    {
        await using var h = await Harness();
        _linkedIn.ThenStatus(404);

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => Enrich(h, h.Prospect(), Campaign(EnrichmentFlags.LinkedIn) with { RequiredEnrichment = [EnrichmentFlags.LinkedIn] }));

        Assert.Equal("Enrich Layer: no public profile at that URL (404)", ex.Message);
    }

    [Fact]
    public async Task Enrich_WhenARequiredSourceIsRateLimitedPastTheCap_LeavesTheRetryToTheOrchestration()
    {
        await using var h = await Harness();
        _linkedIn.ThenStatus(429, retryAfter: TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => Enrich(h, h.Prospect(), Campaign(EnrichmentFlags.LinkedIn) with { RequiredEnrichment = [EnrichmentFlags.LinkedIn] }));

        Assert.Equal(TimeSpan.FromMinutes(5), TransientProspectException.RetryAfterIn(ex.Message));
    }

    [Fact]
    public async Task Enrich_WhenNoKeysAreSet_CallsNoKeyedProviderAndSaysNotConfigured()
    {
        await using var h = await ProviderHarness.StartAsync(server);

        var outcome = await Enrich(h, h.Prospect(email: "ada@gmail.com"), Campaign(EnrichmentFlags.LinkedIn, EnrichmentFlags.Website, EnrichmentFlags.TechStack));

        Assert.Equal("not_configured", outcome.Sources[EnrichmentFlags.LinkedIn].Status);
        Assert.Equal("not_configured", outcome.Sources[EnrichmentFlags.TechStack].Status);
        Assert.Equal(("skipped", "No company website and no business email domain."), (outcome.Sources[EnrichmentFlags.Website].Status, outcome.Sources[EnrichmentFlags.Website].Error));
        Assert.Empty(_linkedIn.Requests);
    }

    [Fact]
    public async Task Enrich_WhenTheProspectHasNoLinkedInUrl_SkipsTheSource()
    {
        await using var h = await Harness();

        var outcome = await Enrich(h, h.Prospect(linkedIn: null), Campaign(EnrichmentFlags.LinkedIn));

        Assert.Equal(("skipped", "The prospect has no LinkedIn URL."), (outcome.Sources[EnrichmentFlags.LinkedIn].Status, outcome.Sources[EnrichmentFlags.LinkedIn].Error));
        Assert.Empty(_linkedIn.Requests);
    }

    [Fact]
    public async Task Enrich_WhenAnApiConfigurationRowDisablesASourceOrNamesAnotherKey_FollowsTheRow()
    {
        await using var h = await Harness(new Dictionary<string, string?> { ["Ops:BuiltWithKey"] = "bw-from-row-setting" });
        await using (var db = h.Database.CreateContext())
        {
            var linkedIn = new ApiConfiguration("enrichlayer", "Providers__EnrichLayer__ApiKey", Builders.TestClock.T0);
            linkedIn.Configure(false, null, null, null, null, null, Builders.TestClock.T0);
            db.AddRange(linkedIn, new ApiConfiguration("builtwith", "Ops__BuiltWithKey", Builders.TestClock.T0));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        _builtWith.ThenJson(Technologies);

        var outcome = await Enrich(h, h.Prospect(website: "https://engines.example"), Campaign(EnrichmentFlags.LinkedIn, EnrichmentFlags.TechStack));

        Assert.Equal("not_configured", outcome.Sources[EnrichmentFlags.LinkedIn].Status);
        Assert.Empty(_linkedIn.Requests);
        Assert.Contains("KEY=bw-from-row-setting&", Assert.Single(_builtWith.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.Engines.example/about", "ada@gmail.com", "engines.example")]
    [InlineData("engines.example", "ada@x.example", "engines.example")]
    [InlineData(null, "ada@Engines.Example", "engines.example")]
    [InlineData(null, "ada@gmail.com", null)]
    [InlineData("not a url", "ada@outlook.com", null)]
    [InlineData("https://sites.google.com/view/acme-tools/home", "ada@gmail.com", "sites.google.com/view/acme-tools/home")]
    [InlineData("https://sites.google.com/view/other-co", "ada@gmail.com", "sites.google.com/view/other-co")]
    [InlineData("linktr.ee/AcmeTools", "ada@x.example", "linktr.ee/acmetools")]
    [InlineData("https://sites.google.com/", "ada@gmail.com", null)]
    [InlineData("https://acme.wixsite.com/shop", "ada@gmail.com", "acme.wixsite.com/shop")]
    [InlineData("https://engines.example/en/about", "ada@gmail.com", "engines.example")]
    public void CompanyDomain_ForAWebsiteAndEmail_FindsTheCompanyOrNothing(string? website, string email, string? domain) =>
        Assert.Equal(domain, CompanyDomain.Of(website, email)?.Domain);

    private static CampaignBrief Campaign(params string[] flags) => ProviderHarness.Campaign(flags);

    private static Task<EnrichmentOutcome> Enrich(ProviderHarness h, ProspectFacts prospect, CampaignBrief? campaign = null) =>
        h.Get<IProspectEnricher>().EnrichAsync(prospect, campaign ?? ProviderHarness.Campaign(), TestContext.Current.CancellationToken);

    private Task<ProviderHarness> Harness(params IReadOnlyDictionary<string, string?>[] extra) => ProviderHarness.StartAsync(
        server,
        [ProviderHarness.Provider("EnrichLayer", _linkedIn, ProviderHarness.EnrichLayerKey), ProviderHarness.Provider("BuiltWith", _builtWith, ProviderHarness.BuiltWithKey), .. extra]);
}
