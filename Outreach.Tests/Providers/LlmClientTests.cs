using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Llm;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>OpenRouter and Gemini as IChatClients over real HTTP against fake servers speaking their shapes and errors.</summary>
public sealed class LlmClientTests(PostgresServer server) : IAsyncLifetime
{
    private const string Email = """{"subject":"Cloud costs at Analytical Engines","body":"Hi Ada,\n\nA short note.\n\nBest regards"}""";

    private FakeProviderServer _api = null!;

    public async ValueTask InitializeAsync() => _api = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task OpenRouter_WhenAsked_PostsStrictJsonSchemaWithRequireParametersAndReadsTheAnswer()
    {
        await using var h = await Harness();
        _api.ThenJson(OpenRouterAnswer(Email));

        var (json, model) = await LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct);

        var request = Assert.Single(_api.Requests);
        Assert.Equal(("POST", "/api/v1/chat/completions", $"Bearer {ProviderHarness.OpenRouterKey}"), (request.Method, request.PathAndQuery, request.Authorization));
        var body = request.Json;
        Assert.Equal("openai/gpt-4o-mini", (string?)body["model"]);
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        Assert.True((bool)body["response_format"]!["json_schema"]!["strict"]!);
        Assert.Equal("cold_email", (string?)body["response_format"]!["json_schema"]!["name"]);
        Assert.Equal("object", (string?)body["response_format"]!["json_schema"]!["schema"]!["type"]);
        Assert.True((bool)body["provider"]!["require_parameters"]!);
        Assert.Equal(300, (int)body["max_tokens"]!);
        Assert.Equal(["system", "user"], body["messages"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal(("Cloud costs at Analytical Engines", "openai/gpt-4o-mini-2024"), (json.GetProperty("subject").GetString(), model));
    }

    [Theory]
    [InlineData(429, typeof(TransientProspectException), "OpenRouter: rate limited (429): Rate limit exceeded upstream")]
    [InlineData(502, typeof(TransientProspectException), "OpenRouter: server error (502): Rate limit exceeded upstream")]
    [InlineData(402, typeof(PermanentProspectException), "OpenRouter: out of credits (402): Rate limit exceeded upstream")]
    public async Task OpenRouter_WhenA200CarriesAnError_FailsByItsCode(int code, Type kind, string message)
    {
        await using var h = await Harness();
        _api.ThenJson("{\"error\":{\"code\":" + code + ",\"message\":\"Rate limit exceeded upstream\",\"metadata\":{\"provider_name\":\"X\"}}}");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct));

        Assert.IsType(kind, ex);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task OpenRouter_WhenTheAnswerStoppedAtTheTokenLimit_FailsPermanentlyWithoutParsing()
    {
        await using var h = await Harness();
        _api.ThenJson(OpenRouterAnswer("""{"subject":"Cloud co""", finish: "length"));

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct));

        Assert.Equal("OpenRouter: the answer was cut off at the token limit (length); raise max_tokens in the provider's api_configurations row", ex.Message);
    }

    [Fact]
    public async Task OpenRouter_WhenTheBodyIsTruncated_FailsTransiently()
    {
        await using var h = await Harness();
        _api.ThenJson(OpenRouterAnswer(Email)[..40]);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct));

        Assert.StartsWith("OpenRouter: malformed or truncated JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRouter_WhenTheModelAnswersNonJson_FailsTransiently()
    {
        await using var h = await Harness();
        _api.ThenJson(OpenRouterAnswer("Sure! Here is your email: Dear Ada"));

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct));

        Assert.StartsWith("OpenRouter: the model's answer was not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenRouter_When429WithRetryAfter_RetriesAfterTheWait()
    {
        await using var h = await Harness();
        _api.ThenStatus(429, retryAfter: TimeSpan.FromSeconds(1), body: """{"error":{"code":429,"message":"slow down"}}""").ThenJson(OpenRouterAnswer(Email));

        await LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct);

        Assert.Equal(2, _api.Requests.Count);
        Assert.True(_api.Requests[1].At - _api.Requests[0].At >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task OpenRouter_When503_DoesNotRepeatTheCompletion()
    {
        await using var h = await Harness();
        _api.ThenStatus(503, body: """{"error":{"code":503,"message":"No instances available"}}""").ThenJson(OpenRouterAnswer(Email));

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct));

        Assert.Equal("OpenRouter: server error (503): No instances available", ex.Message);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task OpenRouter_WhenTheServerIsSlowerThanTheAttemptTimeout_TimesOut()
    {
        await using var h = await Harness(timeoutSeconds: 1);
        _api.ThenDelay(TimeSpan.FromSeconds(30), OpenRouterAnswer(Email));

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => LlmJson.CompleteAsync(h.Get<OpenRouterChatClient>(), "OpenRouter", Messages(), Options(), Ct));

        Assert.Equal("OpenRouter: timed out", ex.Message);
    }

    [Fact]
    public async Task Gemini_WhenAsked_SendsTheKeyInAHeaderAndAGeminiResponseSchema()
    {
        await using var h = await Harness();
        _api.ThenJson(GeminiAnswer(Email));

        var (json, model) = await LlmJson.CompleteAsync(h.Get<GeminiChatClient>(), "Gemini", Messages(), Options(), Ct);

        var request = Assert.Single(_api.Requests);
        Assert.Equal("/gemini/models/gemini-2.5-flash:generateContent", request.PathAndQuery);
        Assert.Equal(ProviderHarness.GeminiKey, request.Headers["x-goog-api-key"]);
        Assert.DoesNotContain(ProviderHarness.GeminiKey, request.PathAndQuery, StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal("Write well.", (string?)body["systemInstruction"]!["parts"]![0]!["text"]);
        Assert.Equal(["user"], body["contents"]!.AsArray().Select(c => (string?)c!["role"]));
        var config = body["generationConfig"]!;
        Assert.Equal("application/json", (string?)config["responseMimeType"]);
        Assert.Equal("OBJECT", (string?)config["responseSchema"]!["type"]);
        Assert.Equal("STRING", (string?)config["responseSchema"]!["properties"]!["subject"]!["type"]);
        Assert.Null(config["responseSchema"]!["additionalProperties"]);
        Assert.Equal(["subject", "body"], config["responseSchema"]!["propertyOrdering"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(300, (int)config["maxOutputTokens"]!);
        Assert.Equal(("Cloud costs at Analytical Engines", "gemini-2.5-flash-001"), (json.GetProperty("subject").GetString(), model));
    }

    [Theory]
    [InlineData("MAX_TOKENS", "Gemini: the answer was cut off at the token limit (MAX_TOKENS); raise max_tokens in the provider's api_configurations row")]
    [InlineData("SAFETY", "Gemini: the answer was blocked by the provider's content filter (SAFETY)")]
    public async Task Gemini_WhenTheFinishReasonIsAFailure_FailsPermanentlyInsteadOfParsing(string reason, string message)
    {
        await using var h = await Harness();
        _api.ThenJson(GeminiAnswer("""{"subject":"Cloud""", reason));

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => LlmJson.CompleteAsync(h.Get<GeminiChatClient>(), "Gemini", Messages(), Options(), Ct));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task Gemini_WhenThePromptIsBlocked_FailsPermanently()
    {
        await using var h = await Harness();
        _api.ThenJson("""{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":10}}""");

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => LlmJson.CompleteAsync(h.Get<GeminiChatClient>(), "Gemini", Messages(), Options(), Ct));

        Assert.Equal("Gemini: the answer was blocked by the provider's content filter (prompt blocked: SAFETY)", ex.Message);
    }

    [Fact]
    public async Task Gemini_When429CarriesRetryInfo_WaitsThatLongAndRetries()
    {
        await using var h = await Harness();
        _api.ThenJson(GeminiQuota("1s"), status: 429).ThenJson(GeminiAnswer(Email));

        await LlmJson.CompleteAsync(h.Get<GeminiChatClient>(), "Gemini", Messages(), Options(), Ct);

        Assert.Equal(2, _api.Requests.Count);
        Assert.True(_api.Requests[1].At - _api.Requests[0].At >= TimeSpan.FromSeconds(0.9), "The retry did not wait for RetryInfo.");
    }

    [Fact]
    public async Task Gemini_When429AsksForLongerThanTheCap_HandsTheWaitToTheOrchestration()
    {
        await using var h = await Harness();
        _api.ThenJson(GeminiQuota("120s"), status: 429);

        var ex = await Assert.ThrowsAsync<TransientProspectException>(() => LlmJson.CompleteAsync(h.Get<GeminiChatClient>(), "Gemini", Messages(), Options(), Ct));

        Assert.Equal("Gemini: rate limited (429): Resource has been exhausted (e.g. check quota).; retry after 120 s", ex.Message);
        Assert.Equal(TimeSpan.FromSeconds(120), TransientProspectException.RetryAfterIn(ex.Message));
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Gemini_WhenTheKeyIsRefused_FailsPermanently()
    {
        await using var h = await Harness();
        _api.ThenJson("""{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}""", status: 400);

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => LlmJson.CompleteAsync(h.Get<GeminiChatClient>(), "Gemini", Messages(), Options(), Ct));

        Assert.Equal("Gemini: request refused (400): API key not valid. Please pass a valid API key.", ex.Message);
    }

    internal static string OpenRouterAnswer(string content, string finish = "stop") =>
        new JsonObject
        {
            ["id"] = "gen-1",
            ["model"] = "openai/gpt-4o-mini-2024",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["finish_reason"] = finish, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content } }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 40 },
        }.ToJsonString();

    internal static string GeminiAnswer(string text, string finish = "STOP") =>
        new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) },
                ["finishReason"] = finish,
            }),
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 100, ["candidatesTokenCount"] = 30 },
            ["modelVersion"] = "gemini-2.5-flash-001",
        }.ToJsonString();

    private static string GeminiQuota(string delay) => $$$"""
        {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
          "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"{{{delay}}}"}]}}
        """;

    private static List<ChatMessage> Messages() => [new(ChatRole.System, "Write well."), new(ChatRole.User, "FACTS: Ada")];

    private static ChatOptions Options() => new() { MaxOutputTokens = 300, Temperature = 0.2f, ResponseFormat = ChatResponseFormat.ForJsonSchema(Prompts.EmailSchema, "cold_email") };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<ProviderHarness> Harness(int? timeoutSeconds = null)
    {
        var openRouter = ProviderHarness.Provider("OpenRouter", _api, ProviderHarness.OpenRouterKey);
        openRouter["Providers:OpenRouter:BaseUrl"] = _api.BaseUrl + "/api/v1";
        if (timeoutSeconds is { } seconds)
        {
            openRouter["Providers:OpenRouter:TimeoutSeconds"] = $"{seconds}";
        }

        var gemini = ProviderHarness.Provider("Gemini", _api, ProviderHarness.GeminiKey);
        gemini["Providers:Gemini:BaseUrl"] = _api.BaseUrl + "/gemini";
        return ProviderHarness.StartAsync(server, openRouter, gemini);
    }
}
