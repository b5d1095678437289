using Outreach.Functions.Application;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>Provider settings (never the key) and the health probe.</summary>
public sealed class OperationsApiTests(PostgresServer server)
{
    [Fact]
    public async Task ListProviders_WhenOneKeyIsSet_ShowsEveryProviderAndWhetherItsKeyIsSetButNeverTheKey()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?> { ["Providers:OpenRouter:ApiKey"] = "or-very-secret" });

        var response = await api.SendAsync(r => Functions(api).ListProviders(r, Ct), "GET", "/api/providers");

        Assert.Equal(200, response.Status);
        var providers = response.Json.AsArray().ToDictionary(p => (string)p!["provider"]!, p => (bool)p!["keyIsSet"]!);
        Assert.Equal(
            new Dictionary<string, bool> { ["azureopenai"] = false, ["openai"] = false, ["openrouter"] = true, ["gemini"] = false, ["enrichlayer"] = false, ["firecrawl"] = false, ["builtwith"] = false },
            providers);
        Assert.Equal(["azureopenai"], response.Json.AsArray().Where(p => (bool)p!["keyless"]!).Select(p => (string?)p!["provider"]));
        Assert.DoesNotContain("or-very-secret", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateProvider_WhenValid_StoresTheRowAndTheNextReadShowsIt()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?> { ["Custom:GeminiKey"] = "gm-key" });
        var body = """{"enabled":true,"model":"gemini-2.5-pro","temperature":0.3,"maxTokens":900,"promptTemplates":{"email_system":"Be brief."},"secretSetting":"Custom__GeminiKey"}""";

        var put = await api.SendAsync(r => Functions(api).UpdateProvider(r, "Gemini", Ct), "PUT", "/api/providers/Gemini", body);
        var get = await api.SendAsync(r => Functions(api).GetProvider(r, "gemini", Ct), "GET", "/api/providers/gemini");

        Assert.Equal(200, put.Status);
        Assert.Equal(("gemini-2.5-pro", 900, "Be brief.", "Custom__GeminiKey", true, true),
            ((string?)get.Json["model"], (int)get.Json["maxTokens"]!, (string?)get.Json["promptTemplates"]!["email_system"], (string?)get.Json["secretSetting"], (bool)get.Json["keyIsSet"]!, (bool)get.Json["stored"]!));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM api_configurations WHERE provider = 'gemini' AND model = 'gemini-2.5-pro'"));
        Assert.DoesNotContain("gm-key", await api.Database.ScalarAsync<string>("SELECT row_to_json(a)::text FROM api_configurations a"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemini", """{"secretSetting":"AIzaSyD-this-looks-like-a-pasted-key/with+slashes=="}""", 400)]
    [InlineData("gemini", """{"temperature":3}""", 400)]
    [InlineData("gemini", """{"maxTokens":""", 400)]
    [InlineData("skynet", """{"enabled":true}""", 404)]
    public async Task UpdateProvider_WhenInvalid_AnswersProblemDetails(string provider, string body, int status)
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).UpdateProvider(r, provider, Ct), "PUT", "/x", body);

        Assert.Equal((status, "application/problem+json"), (response.Status, response.ContentType));
    }

    [Fact]
    public async Task Health_WhenPostgresAndStorageAnswer_Answers200()
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).Health(r, Ct), "GET", "/api/health");

        Assert.Equal((200, "healthy", "ok", "ok"), (response.Status, (string?)response.Json["status"], (string?)response.Json["checks"]!["postgresql"], (string?)response.Json["checks"]!["storage"]));
    }

    [Fact]
    public async Task Health_WhenStorageIsUnreachable_Answers503NamingIt()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        });

        var response = await api.SendAsync(r => Functions(api).Health(r, Ct), "GET", "/api/health");

        Assert.Equal(503, response.Status);
        Assert.StartsWith("Unavailable: storage failed", response.Detail, StringComparison.Ordinal);
        Assert.Equal("ok", (string?)response.Json["checks"]!["postgresql"]);
    }

    private static OperationsFunctions Functions(ApiFixture api) => new(api.Get<ProviderCatalog>(), api.Get<ProviderQueries>(), api.Get<HealthCheck>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
