using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.EnrichLayer;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>The Enrich Layer client over real HTTP against a fake server that speaks its shapes and its errors.</summary>
public sealed class EnrichLayerClientTests(PostgresServer server) : IAsyncLifetime
{
    private const string Key = "el-test-key-0123456789";
    private const string ProfileUrl = "https://www.linkedin.com/in/ada-lovelace";
    private const string Profile = """
        {"public_identifier":"ada-lovelace","full_name":"Ada Lovelace","headline":"Mathematician and writer","occupation":"Analyst at Analytical Engines",
         "summary":"Wrote the first published algorithm.","city":"London","country_full_name":"United Kingdom",
         "experiences":[{"company":"Analytical Engines","title":"Analyst","starts_at":{"day":1,"month":1,"year":1842},"ends_at":null},
                        {"company":"Royal Society","title":"Correspondent","starts_at":{"day":1,"month":6,"year":1835},"ends_at":{"day":1,"month":1,"year":1841}}],
         "education":[{"school":"Home tutoring","degree_name":null,"field_of_study":"Mathematics"}]}
        """;

    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    private readonly List<ProviderHarness> _harnesses = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var h in _harnesses)
        {
            await h.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetProfile_WhenTheProfileExists_SendsTheBearerKeyAndMapsProxycurlFields()
    {
        _server.ThenJson(Profile);

        var profile = await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GET", $"/profile?profile_url={Uri.EscapeDataString(ProfileUrl)}", $"Bearer {Key}"), (request.Method, request.PathAndQuery, request.Authorization));
        Assert.Equal(("Ada Lovelace", "Mathematician and writer", "London"), (profile.FullName, profile.Headline, profile.City));
        Assert.Equal(1842, profile.Experiences![0].StartsAt!.Year);
        Assert.Contains("Experience: Analyst at Analytical Engines (1842–present)", profile.Describe(), StringComparison.Ordinal);
        Assert.Contains("Experience: Correspondent at Royal Society (1835–1841)", profile.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProfile_WhenTheProxycurlPathIsChosen_UsesIt()
    {
        _server.ThenJson(Profile);

        await (await ClientAsync(new() { ["UseProxycurlPath"] = "true" })).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken);

        Assert.Equal($"/proxycurl/api/v2/linkedin?linkedin_profile_url={Uri.EscapeDataString(ProfileUrl)}", Assert.Single(_server.Requests).PathAndQuery);
    }

    [Theory]
    [InlineData(404, "Enrich Layer: no public profile at that URL (404): no")]
    [InlineData(403, "Enrich Layer: forbidden — out of credits or not allowed (403): no")]
    [InlineData(401, "Enrich Layer: the API key was refused (401); check the key setting: no")]
    [InlineData(402, "Enrich Layer: out of credits (402): no")]
    public async Task GetProfile_WhenTheProviderSaysNo_FailsPermanentlyAtOnce(int status, string message)
    {
        _server.ThenStatus(status, body: """{"code":"x","description":"no"}""");

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(async () => await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.Equal(message, ex.Message);
        Assert.Single(_server.Requests);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(503)]
    public async Task GetProfile_WhenTheProviderEchoesTheKey_TheFailureNeverCarriesIt(int status)
    {
        for (var i = 0; i < 4; i++)
        {
            _server.ThenStatus(status, body: $$"""{"error":"Invalid API key provided: Bearer {{Key}} (key={{Key}})"}""");
        }

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await (await ClientAsync(new() { ["MaxRetries"] = "0" })).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.True(ex is PermanentProspectException or TransientProspectException, ex.GetType().Name);
        Assert.Contains("Invalid API key provided: Bearer [redacted]", ex.Message, StringComparison.Ordinal);
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Key, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetProfile_When429WithAShortRetryAfter_WaitsThatLongAndSucceeds()
    {
        _server.ThenStatus(429, retryAfter: TimeSpan.FromSeconds(1)).ThenJson(Profile);

        var profile = await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken);

        Assert.Equal("Ada Lovelace", profile.FullName);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(_server.Requests[1].At - _server.Requests[0].At >= TimeSpan.FromMilliseconds(900), "The retry did not honour Retry-After.");
    }

    [Fact]
    public async Task GetProfile_When429AsksToWaitLongerThanTheCap_HandsTheWaitToTheOrchestration()
    {
        _server.ThenStatus(429, retryAfter: TimeSpan.FromSeconds(120));

        var ex = await Assert.ThrowsAsync<TransientProspectException>(async () => await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.StartsWith("Enrich Layer: rate limited (429); retry after 1", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetProfile_WhenTheServerFailsTwiceThenAnswers_Retries()
    {
        _server.ThenStatus(503).ThenStatus(500).ThenJson(Profile);

        var profile = await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken);

        Assert.Equal("Ada Lovelace", profile.FullName);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task GetProfile_WhenServerErrorsOutlastTheRetries_FailsTransiently()
    {
        _server.ThenStatus(503).ThenStatus(503).ThenStatus(503);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(async () => await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.Equal("Enrich Layer: server error (503)", ex.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task GetProfile_WhenTheBodyIsTruncated_FailsTransiently()
    {
        _server.ThenJson(Profile[..120]);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(async () => await (await ClientAsync()).GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.StartsWith("Enrich Layer: malformed or truncated JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetProfile_WhenAnswersArePastTheAttemptTimeout_FailsTransiently()
    {
        _server.ThenDelay(TimeSpan.FromSeconds(30), Profile).ThenDelay(TimeSpan.FromSeconds(30), Profile).ThenDelay(TimeSpan.FromSeconds(30), Profile);
        var client = await ClientAsync(new() { ["TimeoutSeconds"] = "1" });

        var ex = await Assert.ThrowsAsync<TransientProspectException>(async () => await client.GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.Equal("Enrich Layer: timed out", ex.Message);
    }

    [Fact]
    public async Task GetProfile_WhenNoKeyIsSet_IsNotConfiguredAndCallsNothing()
    {
        var client = await ClientAsync(new() { ["ApiKey"] = "" });

        Assert.False(await client.IsConfiguredAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetProfile_WhenMostRecentCallsFailed_OpensTheCircuitAndSaysWhenItCloses()
    {
        for (var i = 0; i < 12; i++)
        {
            _server.ThenStatus(503);
        }

        var client = await ClientAsync(new() { ["MaxRetries"] = "0" });
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<TransientProspectException>(() => client.GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));
        }

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => client.GetProfileAsync(ProfileUrl, TestContext.Current.CancellationToken));

        Assert.StartsWith("Enrich Layer: too many recent failures; calls are paused briefly (circuit open); retry after ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(10, _server.Requests.Count);

        // The orchestrator's retry waits out the rest of the 15 s break instead of spending its attempts while it is open.
        Assert.InRange(TransientProspectException.RetryAfterIn(ex.Message)!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }

    private async Task<EnrichLayerClient> ClientAsync(Dictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Providers:EnrichLayer:ApiKey"] = Key,
            ["Providers:EnrichLayer:BaseUrl"] = _server.BaseUrl,
            ["Providers:EnrichLayer:MaxRetryAfterSeconds"] = "2",
            // Generous for a busy machine; the timeout's own test sets 1 s.
            ["Providers:EnrichLayer:TimeoutSeconds"] = "10",
            ["Providers:EnrichLayer:RequestsPerSecond"] = "50",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            values[$"Providers:EnrichLayer:{key}"] = value;
        }

        var harness = await ProviderHarness.StartAsync(server, values);
        _harnesses.Add(harness);
        return harness.Get<EnrichLayerClient>();
    }
}
