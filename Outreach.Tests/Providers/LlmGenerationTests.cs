using System.Text.Json.Nodes;
using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Llm;
using Outreach.Functions.Quality;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Providers;

/// <summary>Analysis and email generation through the chosen LLM (fake OpenRouter/Gemini), grounding, limits, api_configurations and the template default.</summary>
public sealed class LlmGenerationTests(PostgresServer server) : IAsyncLifetime
{
    private const string Grounded = """{"subject":"Cloud costs at Analytical Engines","body":"Hi Ada,\n\nAs Head of Engineering at Analytical Engines you likely watch cloud spend. Cloud Cost Review is a two-week review.\n\nWould a 20-minute call help?\n\nBest regards","facts_used":["f2","f3"]}""";
    private const string Invented = """{"subject":"Congrats on the Series B","body":"Hi Ada,\n\nCongrats on raising $40M in the Series B led by Sequoia. Cloud Cost Review can help.\n\nBest regards","facts_used":["f2"]}""";

    private FakeProviderServer _api = null!;

    public async ValueTask InitializeAsync() => _api = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Generate_WhenTheFirstDraftInventsFacts_RegeneratesOnceWithTheReasonAndKeepsTheGroundedDraft()
    {
        await using var h = await Harness();
        _api.ThenJson(LlmClientTests.OpenRouterAnswer(Invented)).ThenJson(LlmClientTests.OpenRouterAnswer(Grounded));

        var draft = await Generate(h);

        Assert.Equal(("Cloud costs at Analytical Engines", "openrouter:openai/gpt-4o-mini-2024"), (draft.Subject, draft.Model));
        Assert.Equal(2, _api.Requests.Count);
        var retry = _api.Requests[1].Json["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], retry.Select(m => (string?)m!["role"]));
        Assert.Contains("it states facts absent from the enrichment: $40M, Series, Sequoia", (string?)retry[3]!["content"], StringComparison.Ordinal);
        Assert.Equal(["csv:Title", "csv:Company"], draft.FactsUsed!.Select(f => f.Source));
        Assert.Equal(new TokenUsage(240, 80), draft.Usage);
    }

    [Theory]
    [InlineData("""["f9"]""", "facts_used names facts that do not exist: f9")]
    [InlineData("[]", "it cites no fact (facts_used is empty); personalize it with at least one of the FACTS")]
    public async Task Generate_WhenTheCitationsAreWrongTwice_FailsWithTheReason(string factsUsed, string reason)
    {
        await using var h = await Harness();
        var answer = Grounded.Replace("""["f2","f3"]""", factsUsed, StringComparison.Ordinal);
        _api.ThenJson(LlmClientTests.OpenRouterAnswer(answer)).ThenJson(LlmClientTests.OpenRouterAnswer(answer));

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => Generate(h));

        Assert.Equal($"OpenRouter: the email was rejected twice: {reason}", ex.Message);
    }

    [Fact]
    public async Task Generate_WhenBothDraftsInventFacts_FailsTheProspectWithTheReason()
    {
        await using var h = await Harness();
        _api.ThenJson(LlmClientTests.OpenRouterAnswer(Invented)).ThenJson(LlmClientTests.OpenRouterAnswer(Invented));

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => Generate(h));

        Assert.Equal("OpenRouter: the email was rejected twice: it states facts absent from the enrichment: $40M, Series, Sequoia", ex.Message);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task Generate_WhenTheDraftBreaksTheCampaignLimits_RegeneratesAndThenFails()
    {
        await using var h = await Harness();
        var tooLong = new JsonObject { ["subject"] = new string('S', 30), ["body"] = string.Join(' ', Enumerable.Repeat("word", 60)), ["facts_used"] = new JsonArray("f2") }.ToJsonString();
        _api.ThenJson(LlmClientTests.OpenRouterAnswer(tooLong)).ThenJson(LlmClientTests.OpenRouterAnswer(tooLong));

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => Generate(h, ProviderHarness.Campaign(maxSubject: 20, maxWords: 50)));

        Assert.Equal("OpenRouter: the email was rejected twice: the subject has 30 characters (limit 20); the body has 60 words (limit 50)", ex.Message);
        Assert.Contains("at most 20 characters", (string?)_api.Requests[0].Json["messages"]![0]!["content"], StringComparison.Ordinal);
        Assert.Contains("at most 50 words", (string?)_api.Requests[0].Json["messages"]![0]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WhenNoLlmKeyIsSet_UsesTheTemplateAndCallsNothing()
    {
        await using var h = await ProviderHarness.StartAsync(server);

        var draft = await Generate(h);

        Assert.Equal(("Cloud costs at Analytical Engines", "template"), (draft.Subject, draft.Model));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Analyze_WhenTheModelAnswers_MapsTheFieldsWithTheSourcesOfTheCitedFactsAndSendsOnlyTheFactsTheCampaignAndTheService()
    {
        await using var h = await Harness();
        _api.ThenJson(LlmClientTests.OpenRouterAnswer("""
            {"personalization_opportunities":[{"text":"Leads engineering","fact_ids":["f2","f4"]}],"pain_points":["Cloud spend"],"market_position":"Niche",
             "suggested_approach":"Lead with the review","executive_summary":"Ada runs engineering.","confidence_score":0.8}
            """));

        var analysis = await h.Get<IProspectAnalyzer>().AnalyzeAsync(h.Prospect(), Enrichment(), ProviderHarness.Campaign(), Ct);

        Assert.Equal(["Leads engineering [f2, f4]"], analysis.PersonalizationOpportunities);
        Assert.Equal(["Cloud spend"], analysis.PainPoints);
        Assert.Equal(("Lead with the review", 0.8f), (analysis.SuggestedApproach, analysis.ConfidenceScore));
        Assert.Equal(["csv:Title", "linkedin:https://www.linkedin.com/in/ada"], analysis.Sources);
        Assert.Equal(new TokenUsage(120, 40), analysis.Usage);
        var prompt = (string?)_api.Requests[0].Json["messages"]![1]!["content"];
        Assert.Contains("[f2] csv:Title — Head of Engineering", prompt, StringComparison.Ordinal);
        Assert.Contains("[f4] linkedin:https://www.linkedin.com/in/ada — Name: Ada Lovelace Experience: Head of Engineering at Analytical Engines".Split(" Experience")[0], prompt, StringComparison.Ordinal);
        Assert.Contains("[f6] builtwith:engines.example — React (JavaScript Library)", prompt, StringComparison.Ordinal);
        Assert.Contains("SERVICE: Cloud Cost Review", prompt, StringComparison.Ordinal);
        Assert.Contains("Offer the review to engineering leaders.", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@engines.example", _api.Requests[0].Body, StringComparison.Ordinal);
        var schema = _api.Requests[0].Json["response_format"]!["json_schema"]!["schema"]!;
        Assert.Equal(["text", "fact_ids"], schema["properties"]!["personalization_opportunities"]!["items"]!["required"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("""[{"text":"Leads engineering","fact_ids":[]}]""", 0.8, "the opportunity \"Leads engineering\" cites no fact")]
    [InlineData("""[{"text":"Leads engineering","fact_ids":["f2","f77"]}]""", 0.8, "the opportunity \"Leads engineering\" cites facts that do not exist: f77")]
    [InlineData("""[{"text":"Leads engineering","fact_ids":["f2"]}]""", 1.7, "confidence_score 1.7 is outside 0 to 1")]
    public async Task Analyze_WhenTheAnswerIsInvalidTwice_FailsWithTheReasonInsteadOfADefault(string opportunities, double confidence, string reason)
    {
        await using var h = await Harness();
        var answer = $$"""{"personalization_opportunities":{{opportunities}},"pain_points":[],"market_position":"","suggested_approach":"","executive_summary":"","confidence_score":{{confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""";
        _api.ThenJson(LlmClientTests.OpenRouterAnswer(answer)).ThenJson(LlmClientTests.OpenRouterAnswer(answer));

        var ex = await Assert.ThrowsAsync<PermanentProspectException>(() => h.Get<IProspectAnalyzer>().AnalyzeAsync(h.Prospect(), Enrichment(), ProviderHarness.Campaign(), Ct));

        Assert.Equal($"OpenRouter: the analysis was rejected twice: {reason}", ex.Message);
        Assert.Contains(reason, (string?)_api.Requests[1].Json["messages"]![3]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WhenAnApiConfigurationRowExists_UsesItsModelTemperatureTokensTemplateAndTheKeyFromTheSettingItNames()
    {
        await using var h = await Harness(new Dictionary<string, string?> { ["Custom:LlmKey"] = "row-named-key-123" });
        await using (var db = h.Database.CreateContext())
        {
            var row = new ApiConfiguration("openrouter", "Custom__LlmKey", TestClock.T0);
            row.Configure(true, "anthropic/claude-3.5-haiku", 0.1f, 777, new Dictionary<string, string> { [Prompts.EmailTemplateKey] = "House style. Max {{max_body_words}} words." }, null, TestClock.T0);
            db.Add(row);
            await db.SaveChangesAsync(Ct);
        }

        _api.ThenJson(LlmClientTests.OpenRouterAnswer(Grounded));

        await Generate(h);

        var request = Assert.Single(_api.Requests);
        Assert.Equal("Bearer row-named-key-123", request.Authorization);
        Assert.Equal(("anthropic/claude-3.5-haiku", 777, 0.1), ((string?)request.Json["model"], (int)(request.Json["max_completion_tokens"] ?? request.Json["max_tokens"])!, Math.Round((double)request.Json["temperature"]!, 3)));
        Assert.Equal("House style. Max 180 words." + Prompts.DataRule, (string?)request.Json["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task Generate_WhenTheRowDisablesOpenRouter_FallsToGemini()
    {
        await using var h = await Harness(ProviderHarness.Provider("Gemini", _api, ProviderHarness.GeminiKey));
        await using (var db = h.Database.CreateContext())
        {
            var row = new ApiConfiguration("openrouter", "Providers__OpenRouter__ApiKey", TestClock.T0);
            row.Configure(false, null, null, null, null, null, TestClock.T0);
            db.Add(row);
            await db.SaveChangesAsync(Ct);
        }

        _api.ThenJson(LlmClientTests.OpenRouterAnswer(Grounded));

        var draft = await Generate(h);

        Assert.Equal("gemini:openai/gpt-4o-mini-2024", draft.Model);
        var request = Assert.Single(_api.Requests);
        Assert.Equal(("/chat/completions", $"Bearer {ProviderHarness.GeminiKey}"), (request.PathAndQuery, request.Authorization));
    }

    [Fact]
    public async Task Providers_AfterEnrichmentAnalysisAndGeneration_LeaveNoKeyInLogsOrInTheDatabase()
    {
        await using var linkedIn = await FakeProviderServer.StartAsync();
        await using var builtWith = await FakeProviderServer.StartAsync();
        await using var h = await Harness(
            ProviderHarness.Provider("EnrichLayer", linkedIn, ProviderHarness.EnrichLayerKey),
            ProviderHarness.Provider("BuiltWith", builtWith, ProviderHarness.BuiltWithKey),
            new Dictionary<string, string?> { ["Providers:Website:AllowPrivateAddresses"] = "false" });
        linkedIn.ThenJson("""{"full_name":"Ada Lovelace","headline":"Head of Engineering"}""");
        builtWith.ThenJson("""{"Results":[],"Errors":[{"Message":"bad","Code":-99}]}""").ThenJson("""{"Results":[],"Errors":[{"Message":"bad","Code":-99}]}""");
        _api.ThenJson(LlmClientTests.OpenRouterAnswer("""{"personalization_opportunities":[],"pain_points":[],"market_position":"","suggested_approach":"","executive_summary":"","confidence_score":0.5}"""))
            .ThenJson(LlmClientTests.OpenRouterAnswer(Grounded));
        var prospect = h.Prospect(website: "https://engines.example");

        var enrichment = await h.Get<IProspectEnricher>().EnrichAsync(prospect, ProviderHarness.Campaign(), Ct);
        var analysis = await h.Get<IProspectAnalyzer>().AnalyzeAsync(prospect, enrichment, ProviderHarness.Campaign(), Ct);
        await h.Get<IEmailGenerator>().GenerateAsync(prospect, enrichment, analysis, ProviderHarness.Campaign(), Ct);

        Assert.Contains(builtWith.Requests, r => r.PathAndQuery.Contains(ProviderHarness.BuiltWithKey, StringComparison.Ordinal));
        Assert.Contains(h.Logs.Lines, l => l.Contains("api.json", StringComparison.Ordinal));
        var logs = string.Join('\n', h.Logs.Lines);
        var database = await h.DumpDatabaseAsync();
        Assert.Contains("engines.example", database, StringComparison.Ordinal);
        foreach (var key in new[] { ProviderHarness.EnrichLayerKey, ProviderHarness.BuiltWithKey, ProviderHarness.OpenRouterKey })
        {
            Assert.DoesNotContain(key, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(key, database, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Quick question", "Hi Ada,\n\nAnalytical Engines builds engines. Cloud Cost Review helps. Want a 15-minute chat on Tuesday?\n\nBest regards", "")]
    [InlineData("Quick question", "Hi Ada,\n\nI saw Analytical Engines grew 40% last year.", "40%")]
    [InlineData("Quick question", "Hi Ada,\n\nYour team at Analytical Engines uses Snowflake and React.", "Snowflake")]
    [InlineData("Congrats On The New Office", "Hi Ada, hello.", "")]
    [InlineData("Ada, 3 ideas for 2025", "Hi Ada.", "3, 2025")]
    [InlineData("Hi", "Hi Ada,\n\nSequoia-backed teams like yours often ask. Best regards", "")]
    public void Unsupported_ForAnEmail_ListsFiguresAndNamesTheFactsDoNotState(string subject, string body, string expected)
    {
        const string facts = "Name: Ada Lovelace\nCompany: Analytical Engines\nTECH STACK: React (JavaScript Library)\nSERVICE: Cloud Cost Review";

        var found = GroundingCheck.Unsupported(subject, body, facts);

        Assert.Equal(expected, string.Join(", ", found));
    }

    private static EnrichmentOutcome Enrichment() => new(
        "https://engines.example", "Analytical Engines builds engines.", "Name: Ada Lovelace\nExperience: Head of Engineering at Analytical Engines", [new TechStackItem("React", "JavaScript Library")],
        new Dictionary<string, SourceResult>());

    private static AnalysisOutcome Analysis() => new(["Leads engineering"], [], null, "Lead with the review", null, 0.6f, ["linkedin"], "openrouter:x");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<EmailDraft> Generate(ProviderHarness h, CampaignBrief? campaign = null) =>
        h.Get<IEmailGenerator>().GenerateAsync(h.Prospect(), Enrichment(), Analysis(), campaign ?? ProviderHarness.Campaign(), Ct);

    private Task<ProviderHarness> Harness(params IReadOnlyDictionary<string, string?>[] extra)
    {
        var openRouter = ProviderHarness.Provider("OpenRouter", _api, ProviderHarness.OpenRouterKey);
        var gemini = extra.Any(e => e.ContainsKey("Providers:Gemini:ApiKey")) ? [] : new Dictionary<string, string?>();
        return ProviderHarness.StartAsync(server, [openRouter, gemini, .. extra]);
    }
}
