using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Cli.Commands;
using Outreach.Functions.Application;
using Outreach.Functions.Triggers.Http;

namespace Outreach.Tests.Cli;

/// <summary>The CLI's generated serializers write the API's shapes: `--json` is the API's answer, indented.</summary>
public sealed class CliJsonTests
{
    private static readonly BatchView Batch = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "prospects.csv", "PARTIAL", 10, 9, 7, 2, 1, 100,
        new JobView(Guid.CreateVersion7(), "FULL_PIPELINE", "COMPLETED", 10, 10), new WorkflowView("COMPLETED", "COMPLETED"), "Completed",
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(3), new ResultsView("outreach-results/a/emails.csv", "outreach-results/a/rejected.csv"),
        "2 prospects failed", new TokensView(1200, 340), ErasedProspects: 1);

    [Fact]
    public void Options_WhenWritingTheReadVerbsViews_WriteWhatTheApiWrites()
    {
        IReadOnlyList<BatchSummary> list = [new(Batch.Id, Batch.CampaignId, "Q3", Batch.Name, Batch.Status, 10, 7, 2, 1, DateTimeOffset.UnixEpoch, null)];
        IReadOnlyList<ProspectSummary> prospects = [new(Guid.CreateVersion7(), 0, "Zoë", "zoe@acme.example", "Acme", null, "FAILED", "model: quota")];
        var job = new JobDetail(Guid.CreateVersion7(), Batch.Id, Batch.CampaignId, "FULL_PIPELINE", "RUNNING", 3, 10, 30, "batch-x", null, DateTimeOffset.UnixEpoch, null, null);

        AssertSameJson(Batch);
        AssertSameJson(list);
        AssertSameJson(prospects);
        AssertSameJson(job);
        Assert.Contains("\n", JsonSerializer.Serialize(job, CliJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WhenATypeHasNoGeneratedSerializer_FallsBackToReflection()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(new { BatchId = Batch.Id, Note = "x" }, CliJson.Options))!;

        Assert.Equal(Batch.Id.ToString(), (string?)json["batchId"]);
    }

    private static void AssertSameJson<T>(T value)
    {
        var cli = JsonNode.Parse(JsonSerializer.Serialize(value, CliJson.Options));
        var api = JsonNode.Parse(JsonSerializer.Serialize(value, ApiHttp.Json));
        Assert.True(JsonNode.DeepEquals(api, cli), $"CLI {cli?.ToJsonString()}\nAPI {api?.ToJsonString()}");
        Assert.NotNull(CliJsonContext.Default.GetTypeInfo(typeof(T)));
    }
}
