using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Hosting;

/// <summary>
/// The functions.metadata the build generates is what the Functions host indexes under <c>func start</c> and in
/// Azure; these tests read that file, not the attributes, so a binding the generator drops or changes fails here.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Dictionary<string, (string Method, string Route)> Http = new()
    {
        ["Health"] = ("get", "health"),
        ["CreateService"] = ("post", "services"),
        ["ListServices"] = ("get", "services"),
        ["GetService"] = ("get", "services/{id}"),
        ["CreateCampaign"] = ("post", "campaigns"),
        ["ListCampaigns"] = ("get", "campaigns"),
        ["GetCampaign"] = ("get", "campaigns/{id}"),
        ["UploadProspects"] = ("post", "campaigns/{id}/uploads"),
        ["GetUpload"] = ("get", "uploads/{id}"),
        ["ListBatches"] = ("get", "batches"),
        ["GetBatch"] = ("get", "batches/{id}"),
        ["ListBatchProspects"] = ("get", "batches/{id}/prospects"),
        ["GetProspect"] = ("get", "prospects/{id}"),
        ["ListBatchEmails"] = ("get", "batches/{id}/emails"),
        ["ExportBatchEmailsCsv"] = ("get", "batches/{id}/emails.csv"),
        ["ReviewEmail"] = ("put", "emails/{id}/review"),
        ["EditEmail"] = ("put", "emails/{id}"),
        ["ApproveUnflagged"] = ("post", "batches/{id}/approve"),
        ["PreviewUpload"] = ("post", "uploads/preview"),
        ["RegenerateEmail"] = ("post", "emails/{id}/regenerate"),
        ["RetryBatch"] = ("post", "batches/{id}/retry"),
        ["PauseBatch"] = ("post", "batches/{id}/pause"),
        ["ResumeBatch"] = ("post", "batches/{id}/resume"),
        ["CancelBatch"] = ("post", "batches/{id}/cancel"),
        ["GetJob"] = ("get", "jobs/{id}"),
        ["ListProviders"] = ("get", "providers"),
        ["GetProvider"] = ("get", "providers/{provider}"),
        ["UpdateProvider"] = ("put", "providers/{provider}"),
        ["UpdateCampaign"] = ("put", "campaigns/{id}"),
        ["ListBatchFailures"] = ("get", "batches/{id}/failures"),
        ["StartWorkflow"] = ("post", "workflows"),
        ["ListWorkflows"] = ("get", "workflows"),
        ["GetWorkflow"] = ("get", "workflows/{id}"),
        ["StageWorkflowFile"] = ("put", "workflows/{id}/file"),
        ["PreviewWorkflowFile"] = ("get", "workflows/{id}/file"),
        ["PreviewWorkflowEmail"] = ("post", "workflows/{id}/email-preview"),
        ["AdvanceWorkflow"] = ("post", "workflows/{id}/advance"),
        ["AbandonWorkflow"] = ("post", "workflows/{id}/abandon"),
        ["ListSuppressions"] = ("get", "suppressions"),
        ["AddSuppression"] = ("post", "suppressions"),
        ["ImportSuppressions"] = ("post", "suppressions/import"),
        ["RemoveSuppression"] = ("delete", "suppressions"),
        ["ErasePerson"] = ("delete", "people"),
        ["PushBatch"] = ("post", "batches/{id}/push"),
        ["ListBatchPushes"] = ("get", "batches/{id}/pushes"),
        ["ListWebhooks"] = ("get", "webhooks"),
        ["AddWebhook"] = ("post", "webhooks"),
        ["RemoveWebhook"] = ("delete", "webhooks/{id}"),
    };

    private static readonly string[] Orchestrators = ["ProcessBatchOrchestrator", "ProcessProspectChunkOrchestrator", "PushBatchOrchestrator", "DeliverWebhooksOrchestrator"];

    private static readonly string[] Activities =
        ["StartBatch", "ListChunkProspects", "ProcessProspect", "FailProspect", "FinalizeBatch", "PurgeChunkHistory",
            "StartPush", "PushLeads", "FinishPush", "RecordWebhookEvent", "DeliverWebhook"];

    private static readonly Dictionary<string, JsonObject> Metadata = Load();

    [Fact]
    public void Metadata_ListsEveryFunctionInTheAssemblyAndNothingElse()
    {
        var declared = typeof(Outreach.Functions.Triggers.CsvUploadTrigger).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order();

        Assert.Equal(declared, Metadata.Keys.Order());
        string[] expected = [.. Http.Keys, .. Orchestrators, .. Activities, "CsvUploadTrigger", "CsvUploadLocalTrigger", "BatchSweeperTrigger"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Metadata.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_HttpFunctions_HaveTheirMethodRouteAndFunctionLevelAuth()
    {
        foreach (var (name, (method, route)) in Http)
        {
            var trigger = Trigger(name);
            Assert.Equal("httpTrigger", (string?)trigger["type"]);
            Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string?)m));
            Assert.Equal(route, (string?)trigger["route"]);
            Assert.Equal("Anonymous", (string?)trigger["authLevel"]);
        }
    }

    [Fact]
    public void Metadata_BlobTriggers_WatchTheUploadsPathOnAzureWebJobsStorageWithEventGridInAzure()
    {
        foreach (var name in new[] { "CsvUploadTrigger", "CsvUploadLocalTrigger" })
        {
            var trigger = Trigger(name);
            Assert.Equal(("blobTrigger", "prospect-uploads/{campaign}/{name}", "AzureWebJobsStorage"), ((string?)trigger["type"], (string?)trigger["path"], (string?)trigger["connection"]));
        }

        Assert.Equal("EventGrid", (string?)Trigger("CsvUploadTrigger")["source"]);
        Assert.Null(Trigger("CsvUploadLocalTrigger")["source"]);
    }

    [Fact]
    public void Metadata_DurableAndTimerFunctions_HaveTheirTriggerTypes()
    {
        Assert.All(Orchestrators, name => Assert.Equal("orchestrationTrigger", (string?)Trigger(name)["type"]));
        Assert.All(Activities, name => Assert.Equal("activityTrigger", (string?)Trigger(name)["type"]));
        Assert.Equal(("timerTrigger", "0 */2 * * * *"), ((string?)Trigger("BatchSweeperTrigger")["type"], (string?)Trigger("BatchSweeperTrigger")["schedule"]));
    }

    [Fact]
    public void HostJson_UsesTheTaskHubSettingAndBoundsConcurrency()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "host.json")))!;
        var durable = host["extensions"]!["durableTask"]!;

        Assert.Equal("%TaskHubName%", (string?)durable["hubName"]);
        Assert.InRange((int)durable["maxConcurrentActivityFunctions"]!, 1, 64);
        Assert.InRange((int)durable["maxConcurrentOrchestratorFunctions"]!, 1, 64);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(MetadataPath())!, "host.json")), "host.json is not copied into the build output.");
    }

    private static JsonObject Trigger(string function) =>
        Metadata[function]["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));

    private static Dictionary<string, JsonObject> Load() =>
        JsonNode.Parse(File.ReadAllText(MetadataPath()))!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => (string)f["name"]!);

    // The Functions project is built with the tests, in the same configuration.
    private static string MetadataPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "Outreach.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build Outreach.Functions ({configuration}) first: {path} is missing.");
    }
}
