using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outreach.Domain.Entities;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Pipeline;

/// <summary>The durable pipeline with the app's real providers: a fake OpenRouter writes, grounding and the budget act per prospect.</summary>
public sealed class ProviderPipelineTests(PostgresServer server)
{
    private const string Analysis = """{"personalization_opportunities":[{"text":"Named in the row","fact_ids":["f1"]}],"pain_points":[],"market_position":"","suggested_approach":"Lead with the review","executive_summary":"A person.","confidence_score":0.4}""";

    [Fact]
    public async Task Pipeline_WhenOneProspectsEmailStaysUngrounded_FailsThatProspectWithTheReasonAndCompletesTheOthers()
    {
        await using var openRouter = await FakeProviderServer.StartAsync();
        openRouter.Always(ctx => AnswerAsync(ctx, inventFor: "Person 1"));
        await using var f = await PipelineFixture.StartAsync(server, ProviderHarness.Provider("OpenRouter", openRouter, ProviderHarness.OpenRouterKey), scripted: false);

        var batchId = await f.StartBatchAsync("a@gmail.com", "b@gmail.com", "c@gmail.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal("PARTIAL", await f.Database.ScalarAsync<string>("SELECT status::text FROM batches"));
        var failed = Assert.Single(await f.Database.RowsAsync("SELECT name, error_message FROM prospects WHERE status = 'FAILED'"));
        Assert.Equal("Person 1", failed[0]);
        Assert.Equal("GenerateEmail: OpenRouter: the email was rejected twice: it states facts absent from the enrichment: Sequoia", failed[1]);
        Assert.Equal(["openrouter:openai/gpt-4o-mini-2024", "openrouter:openai/gpt-4o-mini-2024"],
            (await f.Database.RowsAsync("SELECT model FROM generated_emails WHERE generation_status = 'COMPLETED'")).Select(r => (string)r[0]!));
        Assert.Equal(7, openRouter.Requests.Count);
        Assert.Equal(7, await f.Database.ScalarAsync<int>("SELECT provider_calls FROM batches"));
    }

    [Fact]
    public async Task Pipeline_WhenTheBatchBudgetRunsOut_FailsTheRemainingProspectsWithBudgetExceeded()
    {
        await using var openRouter = await FakeProviderServer.StartAsync();
        openRouter.Always(ctx => AnswerAsync(ctx, inventFor: null));
        var settings = ProviderHarness.Provider("OpenRouter", openRouter, ProviderHarness.OpenRouterKey);
        settings["Providers:MaxCallsPerBatch"] = "4";
        await using var f = await PipelineFixture.StartAsync(server, settings, scripted: false);

        var batchId = await f.StartBatchAsync("a@gmail.com", "b@gmail.com", "c@gmail.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(4, openRouter.Requests.Count);
        Assert.Equal(4, await f.Database.ScalarAsync<int>("SELECT provider_calls FROM batches"));
        var row = Assert.Single(await f.Database.RowsAsync("SELECT generated_emails, failed_prospects FROM batches"));
        Assert.Equal(3, (int)row[0]! + (int)row[1]!);
        Assert.InRange((int)row[1]!, 1, 2);
        Assert.All(await f.Database.RowsAsync("SELECT error_message FROM prospects WHERE status = 'FAILED'"),
            r => Assert.Matches("^(AnalyzeProspect|GenerateEmail): Provider budget exceeded: the batch has made its 4 provider calls", (string)r[0]!));
    }

    /// <summary>Analysis requests get an analysis; email requests a grounded email — or, for the named prospect, an invented one.</summary>
    private static async Task AnswerAsync(HttpContext ctx, string? inventFor)
    {
        var request = JsonNode.Parse((string)ctx.Items[FakeProviderServer.BodyKey]!)!;
        var prompt = (string)request["messages"]![1]!["content"]!;
        var name = prompt.Split('\n').First(l => l.StartsWith("[f1] csv:Name — ", StringComparison.Ordinal))[16..];
        var content = request["response_format"]!["json_schema"]!["schema"]!["properties"]!["personalization_opportunities"] is not null
            ? Analysis
            : name == inventFor
                ? """{"subject":"Congrats on the Series B","body":"Hi,\n\nCongrats on the round led by Sequoia.\n\nBest regards","facts_used":["f1"]}"""
                : new JsonObject
                {
                    ["subject"] = $"A quick idea for {name}", ["body"] = $"Hi {name},\n\nA two-week review of cloud spend could help.\n\nBest regards", ["facts_used"] = new JsonArray("f1"),
                }.ToJsonString();
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(LlmClientTests.OpenRouterAnswer(content), ctx.RequestAborted);
    }
}
