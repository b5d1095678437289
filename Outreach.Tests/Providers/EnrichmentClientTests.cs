using Microsoft.Extensions.Options;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.BuiltWith;
using Outreach.Functions.Providers.Firecrawl;
using Outreach.Functions.Providers.Website;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>Firecrawl, the built-in website reader and BuiltWith over real HTTP against fake servers speaking their shapes and errors.</summary>
public sealed class EnrichmentClientTests(PostgresServer server) : IAsyncLifetime
{
    private const string Scraped = """
        {"success":true,"data":{"markdown":"# Analytical Engines\nWe build [engines](https://engines.example/e) for ![logo](x.png) computation.",
         "metadata":{"title":"Analytical Engines","description":"Engines for computation","sourceURL":"https://engines.example","url":"https://engines.example/","statusCode":200}}}
        """;

    private const string Technologies = """
        {"Results":[{"Result":{"Paths":[{"Domain":"engines.example","Technologies":[
            {"Name":"Kubernetes","Tag":"hosting","Categories":["Container Orchestration"]},
            {"Name":"React","Tag":"javascript","Categories":["JavaScript Library"]},
            {"Name":"react","Tag":"javascript","Categories":[]}]},
          {"Domain":"engines.example","SubDomain":"blog","Technologies":[{"Name":"WordPress","Tag":"cms","Categories":null}]}]},"Lookup":"engines.example"}],"Errors":[]}
        """;

    private FakeProviderServer _api = null!;
    private FakeProviderServer _site = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeProviderServer.StartAsync();
        _site = await FakeProviderServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Scrape_WhenFirecrawlAnswers_PostsTheDocumentedBodyAndReadsMarkdownAndMetadata()
    {
        await using var h = await Harness();
        _api.ThenJson(Scraped);

        var page = await h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct);

        var request = Assert.Single(_api.Requests);
        Assert.Equal(("POST", "/v2/scrape", $"Bearer {ProviderHarness.FirecrawlKey}"), (request.Method, request.PathAndQuery, request.Authorization));
        Assert.Equal("""{"url":"https://engines.example/","formats":["markdown"],"onlyMainContent":true}""", request.Body);
        Assert.Equal(("https://engines.example/", "Analytical Engines", "Engines for computation"), (page.Url, page.Title, page.Description));
        Assert.Contains("We build", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WhenTheTargetSiteAnswered404InsideA200_FailsPermanently()
    {
        await using var h = await Harness();
        _api.ThenJson("""{"success":true,"data":{"markdown":"Not Found","metadata":{"statusCode":404,"error":"Not Found","sourceURL":"https://engines.example"}}}""");

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct));

        Assert.Equal("Firecrawl: the website answered 404 to the scrape of engines.example: Not Found", ex.Message);
    }

    [Fact]
    public async Task Scrape_WhenFirecrawlSaysSuccessFalseInA200_FailsTransiently()
    {
        await using var h = await Harness();
        _api.ThenJson("""{"success":false,"error":"Scrape timed out"}""");

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct));

        Assert.Equal("Firecrawl: scrape failed: Scrape timed out", ex.Message);
    }

    [Fact]
    public async Task Scrape_When429WithRetryAfter_WaitsAndRetriesThePostOnce()
    {
        await using var h = await Harness();
        _api.ThenStatus(429, retryAfter: TimeSpan.FromSeconds(1), body: """{"success":false,"error":"Rate limit exceeded"}""").ThenJson(Scraped);

        var page = await h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct);

        Assert.Equal("Analytical Engines", page.Title);
        Assert.Equal(2, _api.Requests.Count);
        Assert.True(_api.Requests[1].At - _api.Requests[0].At >= TimeSpan.FromSeconds(0.9), "The retry did not wait for Retry-After.");
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task Scrape_WhenFirecrawlFailsAfterAcceptingThePost_DoesNotRetryBlindly(int status)
    {
        await using var h = await Harness();
        _api.ThenStatus(status, body: """{"success":false,"error":"upstream"}""").ThenJson(Scraped);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct));

        Assert.Equal($"Firecrawl: server error ({status}): upstream", ex.Message);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Scrape_WhenOutOfCredits_FailsPermanentlyWithFirecrawlsReason()
    {
        await using var h = await Harness();
        _api.ThenJson("""{"success":false,"error":"Insufficient credits to perform this request."}""", status: 402);

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct));

        Assert.Equal("Firecrawl: out of credits (402): Insufficient credits to perform this request.", ex.Message);
    }

    [Fact]
    public async Task Scrape_WhenTheAnswerIsTruncatedJson_FailsTransiently()
    {
        await using var h = await Harness();
        _api.ThenJson(Scraped[..60]);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct));

        Assert.StartsWith("Firecrawl: malformed or truncated JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WhenFirecrawlIsSlowerThanTheAttemptTimeout_TimesOutOnceWithoutRetrying()
    {
        await using var h = await Harness(new() { ["Providers:Firecrawl:TimeoutSeconds"] = "1" });
        _api.ThenDelay(TimeSpan.FromSeconds(30), Scraped);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => h.Get<FirecrawlClient>().ScrapeAsync(new Uri("https://engines.example"), Ct));

        Assert.Equal("Firecrawl: timed out", ex.Message);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Read_WhenThePageIsHtml_ExtractsTitleDescriptionAndMainTextWithoutScriptsOrNavigation()
    {
        await using var h = await Harness();
        _site.ThenHtml("""
            <!doctype html><html><head><title> Analytical Engines </title><meta name="description" content="Engines for computation">
            <script>var tracking = "do-not-read";</script><style>.x{color:red}</style></head>
            <body><nav>Home | About</nav><main><h1>We build engines</h1><p>Founded by <b>Charles</b> in London.</p><p hidden>secret draft</p></main>
            <footer>© 1843</footer></body></html>
            """);

        var page = await h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct);

        Assert.Equal(("Analytical Engines", "Engines for computation"), (page.Title, page.Description));
        Assert.Equal("We build engines\nFounded by Charles in London.", page.Text);
        var request = Assert.Single(_site.Requests);
        Assert.StartsWith("OutreachBot/1.0", request.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WhenThePageIsAnArticleInBoilerplate_KeepsTheArticleAndDropsTheSidebarAndBanner()
    {
        await using var h = await Harness();
        var paragraph = "Analytical Engines designs mechanical computers for insurers and banks, and has shipped forty machines since 1843. ";
        _site.ThenHtml($$"""
            <!doctype html><html><head><title>About us | Analytical Engines</title></head><body>
            <div class="cookie-banner">We use cookies. Accept all cookies to continue browsing our site.</div>
            <div class="layout"><div class="sidebar"><a href="/a">Careers</a> <a href="/b">Press</a> <a href="/c">Investors</a> <a href="/d">Contact sales</a></div>
            <div class="content"><h1>About Analytical Engines</h1><p>{{paragraph}}{{paragraph}}</p><p>{{paragraph}}The team of 40 works from London.</p>
            <p>{{paragraph}}</p></div></div></body></html>
            """);

        var page = await h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct);

        Assert.Contains("The team of 40 works from London.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cookies", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Investors", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WhenRedirected_FollowsToThePageAndReportsWhereItEnded()
    {
        await using var h = await Harness();
        _site.ThenRedirect("/home").ThenHtml("<html><head><title>Home</title></head><body><p>Welcome</p></body></html>");

        var page = await h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct);

        Assert.Equal(_site.BaseUrl.TrimEnd('/') + "/home", page.Url);
        Assert.Equal(["/", "/home"], _site.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Read_WhenRedirectsNeverEnd_StopsAtTheCapWithAPermanentError()
    {
        await using var h = await Harness(new() { ["Providers:Website:MaxRedirects"] = "3" });
        _site.Always(ctx =>
        {
            ctx.Response.StatusCode = 302;
            ctx.Response.Headers.Location = "/again";
            return Task.CompletedTask;
        });

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct));

        Assert.Equal("Website reader: more than 3 redirects from 127.0.0.1", ex.Message);
        Assert.Equal(4, _site.Requests.Count);
    }

    [Fact]
    public async Task Read_WhenThePageIsLargerThanTheCap_ReadsOnlyTheCap()
    {
        await using var h = await Harness(new() { ["Providers:Website:MaxBytes"] = "4096" });
        _site.ThenHtml("<html><body><p>Start of the page.</p><p>" + new string('x', 100_000) + "</p><p>END-MARKER</p></body></html>");

        var page = await h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct);

        Assert.StartsWith("Start of the page.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("END-MARKER", page.Text, StringComparison.Ordinal);
        Assert.True(page.Text.Length < 4096);
    }

    [Fact]
    public async Task Read_WhenTheAnswerIsNotHtml_FailsPermanently()
    {
        await using var h = await Harness();
        _site.ThenHtml("%PDF-1.7", contentType: "application/pdf");

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct));

        Assert.Equal("Website reader: 127.0.0.1 answered application/pdf, not an HTML page", ex.Message);
    }

    [Fact]
    public async Task Read_WhenTheHostIsPrivateAndPrivateAddressesAreNotAllowed_RefusesToConnect()
    {
        await using var h = await Harness(new() { ["Providers:Website:AllowPrivateAddresses"] = "false" });

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<WebsiteReader>().ReadAsync(new Uri(_site.BaseUrl), Ct));

        Assert.Equal("Website reader: 127.0.0.1 resolves only to private or local addresses, which the reader does not visit", ex.Message);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task CreateHandler_WhenASystemProxyIsConfigured_ConnectsDirectlySoTheAddressCheckSeesTheTarget()
    {
        await using var h = await Harness();

        using var handler = WebsiteReader.CreateHandler(h.Get<IOptionsMonitor<WebsiteReaderOptions>>());

        Assert.False(handler.UseProxy);
        Assert.NotNull(handler.ConnectCallback);
    }

    [Fact]
    public async Task Read_WhenTheDomainDoesNotResolve_FailsPermanently()
    {
        await using var h = await Harness();

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<WebsiteReader>().ReadAsync(new Uri("https://no-such-company.invalid/"), Ct));

        Assert.Equal("Website reader: no-such-company.invalid does not resolve", ex.Message);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false)]
    public void IsPrivate_ForAnAddress_SaysWhetherTheReaderMayVisitIt(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, WebsiteReader.IsPrivate(System.Net.IPAddress.Parse(address)));

    [Fact]
    public async Task Lookup_WhenBuiltWithAnswers_ReturnsDistinctTechnologiesWithCategoriesAndSendsTheDocumentedQuery()
    {
        await using var h = await Harness();
        _api.ThenJson(Technologies);

        var stack = await h.Get<BuiltWithClient>().LookupAsync("engines.example", Ct);

        Assert.Equal([("Kubernetes", "Container Orchestration"), ("React", "JavaScript Library"), ("WordPress", "cms")], stack.Select(t => (t.Name, t.Category)));
        Assert.StartsWith($"/v22/api.json?KEY={ProviderHarness.BuiltWithKey}&LOOKUP=engines.example", Assert.Single(_api.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenBuiltWithReportsOutOfCreditsInA200_FailsPermanentlyWithoutTheKey()
    {
        await using var h = await Harness();
        _api.ThenJson($$"""{"Results":[],"Errors":[{"Lookup":null,"Message":"No API credits left for KEY={{ProviderHarness.BuiltWithKey}}","Code":-3}]}""");

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<BuiltWithClient>().LookupAsync("engines.example", Ct));

        Assert.Equal("BuiltWith: out of API credits (code -3): No API credits left for KEY=***", ex.Message);
    }

    [Fact]
    public async Task Lookup_WhenBuiltWithReportsAnInternalErrorInA200_FailsTransiently()
    {
        await using var h = await Harness();
        _api.ThenJson("""{"Results":[],"Errors":[{"Lookup":"engines.example","Message":"Internal code error","Code":-99}]}""");

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => h.Get<BuiltWithClient>().LookupAsync("engines.example", Ct));

        Assert.Equal("BuiltWith: internal error (code -99): Internal code error", ex.Message);
    }

    [Fact]
    public async Task Lookup_When503ThenSuccess_RetriesTheReadAndSucceeds()
    {
        await using var h = await Harness();
        _api.ThenStatus(503).ThenJson(Technologies);

        var stack = await h.Get<BuiltWithClient>().LookupAsync("engines.example", Ct);

        Assert.Equal(3, stack.Count);
        Assert.Equal(2, _api.Requests.Count);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<ProviderHarness> Harness(Dictionary<string, string?>? extra = null) => ProviderHarness.StartAsync(
        server,
        ProviderHarness.Provider("Firecrawl", _api, ProviderHarness.FirecrawlKey),
        ProviderHarness.Provider("BuiltWith", _api, ProviderHarness.BuiltWithKey),
        extra ?? []);
}
