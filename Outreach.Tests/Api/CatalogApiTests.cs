using Outreach.Functions.Application;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>Services and campaigns: create, list (paged), get — and every error they answer.</summary>
public sealed class CatalogApiTests(PostgresServer server)
{
    private static readonly string SampleCampaign = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "campaign.json"));

    [Fact]
    public async Task CreateCampaign_WhenTheSampleIsPosted_Answers201WithLocationAndTheCampaign()
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).CreateCampaign(r, Ct), "POST", "/api/campaigns", SampleCampaign);

        Assert.Equal(201, response.Status);
        var id = (string)response.Json["id"]!;
        Assert.Equal($"/api/campaigns/{id}", response.Headers.Location);
        Assert.Equal("Q3 Fintech Cloud Cost Review", (string?)response.Json["name"]);
        Assert.Equal(["linkedin", "website", "techstack"], response.Json["enrichmentFlags"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("CAMPAIGN", (string?)response.Json["dedupeScope"]);
        var get = await api.SendAsync(r => Functions(api).GetCampaign(r, id, Ct), "GET", $"/api/campaigns/{id}");
        Assert.Equal((200, "Q3 Fintech Cloud Cost Review"), (get.Status, (string?)get.Json["name"]));
    }

    [Fact]
    public async Task CreateCampaign_WhenTheNameIsTaken_Answers409()
    {
        await using var api = await ApiFixture.StartAsync(server);
        await api.SendAsync(r => Functions(api).CreateCampaign(r, Ct), "POST", "/api/campaigns", SampleCampaign);

        var response = await api.SendAsync(r => Functions(api).CreateCampaign(r, Ct), "POST", "/api/campaigns", SampleCampaign);

        Assert.Equal(409, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("A campaign named 'Q3 Fintech Cloud Cost Review' already exists.", response.Detail);
    }

    [Fact]
    public async Task GetOrCreateCampaign_WhenThreeCallersCreateTheSameNewCampaignAtOnce_AllGetTheOneCampaign()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var catalog = api.Get<Catalog>();
        var request = CampaignRequest.Parse(SampleCampaign);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => catalog.GetOrCreateCampaignAsync(request, Ct))));

        Assert.Single(results.Select(r => r.Campaign.Id).Distinct());
        Assert.Single(results, r => r.Created);
        Assert.Equal((1L, 1L), (await api.Database.ScalarAsync<long>("SELECT count(*) FROM campaigns"), await api.Database.ScalarAsync<long>("SELECT count(*) FROM services")));
    }

    [Theory]
    [InlineData("""{"name":"c","emailSubject":"s","service":{"name":"x"}}""", "prompt is required.")]
    [InlineData("""{"name":"c","emailSubject":"s","prompt":"p","enrichmentFlags":["linkedin","crystalball"],"service":{"name":"x"}}""", "crystalball")]
    [InlineData("""{"name":"c","prompt":"p","service":{"name":"x"}}""", "emailSubject is required.")]
    [InlineData("""{"name":"c","emailSubject":"s","prompt":"p"}""", "A campaign needs a service")]
    [InlineData("""{"name":"c","emailSubject":"s","prompt":"p","service":{"name":"x"},"dedupeScope":"PLANET"}""", "dedupeScope 'PLANET' is not CAMPAIGN or GLOBAL.")]
    [InlineData("""{"name":"c","emailSubject":"s","prompt":"p","service":{"name":"x"},"verification":"sometimes"}""", "verification 'sometimes' is not off, skip_invalid or valid_only.")]
    [InlineData("""{"name":"c","emailSubject":"s","prompt":"p","service":{"name":"x"},"minBodyWords":90,"maxBodyWords":60}""", "minBodyWords must be between 0 and maxBodyWords (60), not 90.")]
    [InlineData("""{"name":"c","emailSubject":""", "The body is not valid JSON")]
    [InlineData("""[1,2]""", "The body is not valid JSON")]
    [InlineData("""{"name":"c","emailSubject":"An idea for {{ industry }}","prompt":"p","service":{"name":"x"}}""", "emailSubject: unknown variable 'industry' on line 1")]
    [InlineData("""{"name":"c","emailSubject":"s","emailBody":"Hi,\n\n{% if company %}about {{ company }}","prompt":"p","service":{"name":"x"}}""", "emailBody: ")]
    public async Task CreateCampaign_WhenTheBodyIsInvalid_Answers400SayingWhy(string body, string reason)
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).CreateCampaign(r, Ct), "POST", "/api/campaigns", body);

        Assert.Equal(400, response.Status);
        Assert.Contains(reason, response.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCampaign_WhenTheSubjectIsLongerThan500Characters_Answers400()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var body = ApiFixture.ToJson(new { name = "c", emailSubject = new string('s', 501), prompt = "p", service = new { name = "x" } });

        var response = await api.SendAsync(r => Functions(api).CreateCampaign(r, Ct), "POST", "/api/campaigns", body);

        Assert.Equal(400, response.Status);
        Assert.Contains("emailSubject", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCampaigns_WhenPaged_ReturnsThePageAndTheTotal()
    {
        await using var api = await ApiFixture.StartAsync(server);
        for (var i = 0; i < 3; i++)
        {
            await api.SendAsync(r => Functions(api).CreateCampaign(r, Ct), "POST", "/api/campaigns", ApiFixture.ToJson(new { name = $"c{i}", emailSubject = "s", prompt = "p", service = new { name = "x" } }));
        }

        var first = await api.SendAsync(r => Functions(api).ListCampaigns(r, Ct), "GET", "/api/campaigns", query: "page=1&pageSize=2");
        var second = await api.SendAsync(r => Functions(api).ListCampaigns(r, Ct), "GET", "/api/campaigns", query: "page=2&pageSize=2");

        Assert.Equal((200, 3L, 2), (first.Status, (long)first.Json["total"]!, first.Json["items"]!.AsArray().Count));
        Assert.Single(second.Json["items"]!.AsArray());
        var names = first.Json["items"]!.AsArray().Concat(second.Json["items"]!.AsArray()).Select(c => (string?)c!["name"]).ToList();
        Assert.Equal(["c0", "c1", "c2"], names.Order());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize must be between 1 and 200.")]
    [InlineData("pageSize=201", "pageSize must be between 1 and 200.")]
    [InlineData("page=0", "page starts at 1.")]
    [InlineData("page=abc", "page must be a whole number, not 'abc'.")]
    public async Task ListCampaigns_WhenPagingIsOutOfBounds_Answers400(string query, string reason)
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).ListCampaigns(r, Ct), "GET", "/api/campaigns", query: query);

        Assert.Equal((400, reason), (response.Status, response.Detail));
    }

    [Theory]
    [InlineData("not-a-guid", 400)]
    [InlineData("0195f1a0-0000-7000-8000-000000000000", 404)]
    public async Task GetCampaign_WhenTheIdIsMalformedOrUnknown_AnswersProblemDetails(string id, int status)
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).GetCampaign(r, id, Ct), "GET", $"/api/campaigns/{id}");

        Assert.Equal(status, response.Status);
        Assert.Equal(status, (int)response.Json["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)response.Json["title"]));
    }

    [Fact]
    public async Task CreateService_WhenNewThenTaken_Answers201Then409AndListsAndGetsIt()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var body = ApiFixture.ToJson(new { name = "Cloud Cost Review", description = "Two weeks.", valueProposition = "Save.", targetIndustries = new[] { "Fintech" } });

        var created = await api.SendAsync(r => Functions(api).CreateService(r, Ct), "POST", "/api/services", body);
        var again = await api.SendAsync(r => Functions(api).CreateService(r, Ct), "POST", "/api/services", body);
        var list = await api.SendAsync(r => Functions(api).ListServices(r, Ct), "GET", "/api/services");

        Assert.Equal((201, $"/api/services/{created.Json["id"]}"), (created.Status, created.Headers.Location.ToString()));
        Assert.Equal((409, "A service named 'Cloud Cost Review' already exists."), (again.Status, again.Detail));
        Assert.Equal(["Fintech"], list.Json["items"]![0]!["targetIndustries"]!.AsArray().Select(t => (string?)t));
        var id = (string)created.Json["id"]!;
        var get = await api.SendAsync(r => Functions(api).GetService(r, id, Ct), "GET", $"/api/services/{id}");
        Assert.Equal((200, "Cloud Cost Review"), (get.Status, (string?)get.Json["name"]));
        Assert.Equal(404, (await api.SendAsync(r => Functions(api).GetService(r, Guid.NewGuid().ToString(), Ct), "GET", "/x")).Status);
        Assert.Equal(400, (await api.SendAsync(r => Functions(api).GetService(r, "nope", Ct), "GET", "/x")).Status);
    }

    private static CatalogFunctions Functions(ApiFixture api) => new(api.Get<Outreach.Functions.Application.Catalog>(), api.Get<Outreach.Functions.Application.CatalogQueries>(), api.Get<Outreach.Functions.Application.UploadIntake>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
