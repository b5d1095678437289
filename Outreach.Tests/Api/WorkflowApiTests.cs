using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Workflow;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>
/// <c>/api/workflows</c>, the console wizard's sessions, on real PostgreSQL and Azurite: a file staged and dry-run,
/// each step refused until it has what it needs, the file imported by the normal ingestion into a batch of that same
/// session, resumed by browser session, and abandoned when left idle.
/// </summary>
public sealed class WorkflowApiTests(PostgresServer server)
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "prospects.csv"));

    [Fact]
    public async Task Advance_ThroughEveryStep_ImportsTheStagedFileIntoABatchOfThisSessionAndStartsItOnce()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaignId = await CampaignAsync(api);
        var durable = AppServices.DurableClient();
        var id = await StartAsync(api, "browser-1");

        var staged = await StageAsync(api, id, Sample, "Q3 prospects.csv");
        var uploadsBeforeBegin = await api.Database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads");
        var settings = await AdvanceAsync(api, id, new { step = "CAMPAIGN_SETTINGS" });
        var config = await AdvanceAsync(api, id, new { step = "ENRICHMENT_CONFIG", campaignId });
        var begun = await AdvanceAsync(api, id, new { step = "BEGIN_ENRICHMENT", configuration = new { enrichmentFlags = "website" } }, durable.Object);
        var again = await AdvanceAsync(api, id, new { step = "BEGIN_ENRICHMENT" }, durable.Object);

        Assert.Equal(200, staged.Status);
        Assert.Equal((21, 4), ((int)staged.Json["preview"]!["accepted"]!, staged.Json["preview"]!["rejected"]!.AsArray().Count));
        Assert.Equal("Q3 prospects.csv", (string?)staged.Json["session"]!["configuration"]!["fileName"]);
        Assert.Equal(0L, uploadsBeforeBegin);
        Assert.Equal(("CAMPAIGN_SETTINGS", "ENRICHMENT_CONFIG"), ((string?)settings.Json["step"], (string?)config.Json["step"]));
        Assert.Equal(200, begun.Status);
        Assert.Equal(("BEGIN_ENRICHMENT", "ACTIVE", "website"), ((string?)begun.Json["step"], (string?)begun.Json["status"], (string?)begun.Json["configuration"]!["enrichmentFlags"]));
        var batchId = (string)begun.Json["batchId"]!;
        Assert.Equal(batchId, (string?)again.Json["batchId"]);
        Assert.Equal(
            [("UPLOAD_CSV"), "CAMPAIGN_SETTINGS", "ENRICHMENT_CONFIG"],
            begun.Json["stepsCompleted"]!.AsArray().Select(s => (string)s!["step"]!));

        // One session (the wizard's, not a second one from the importer), one upload, the file's 21 prospects.
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM workflow_sessions"));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
        Assert.Equal(21, await api.Database.ScalarAsync<int>($"SELECT total_prospects FROM batches WHERE id = '{batchId}'"));
        Assert.Equal(campaignId, await api.Database.ScalarAsync<Guid>($"SELECT campaign_id FROM workflow_sessions WHERE id = '{id}'"));
        durable.Verify(
            d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == $"batch-{batchId}"), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task Advance_WhenTheStepLacksWhatItNeeds_RefusesNamingWhatIsMissing()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var id = await StartAsync(api, "browser-2");

        var noFile = await AdvanceAsync(api, id, new { step = "CAMPAIGN_SETTINGS" });
        var skipped = await AdvanceAsync(api, id, new { step = "ENRICHMENT_CONFIG", campaignId = Guid.NewGuid() });
        var pipelines = await AdvanceAsync(api, id, new { step = "EMAIL_GENERATION" });
        var unknown = await AdvanceAsync(api, id, new { step = "REVIEW" });
        await StageAsync(api, id, Sample, "p.csv");
        await AdvanceAsync(api, id, new { step = "CAMPAIGN_SETTINGS" });
        var noCampaign = await AdvanceAsync(api, id, new { step = "ENRICHMENT_CONFIG" });
        var notFinished = await AdvanceAsync(api, id, new { step = "COMPLETED" });

        Assert.Equal((400, "Upload a CSV file with at least one accepted row first."), (noFile.Status, noFile.Detail));
        Assert.Equal((409, "The session is at UPLOAD_CSV; it can move to ENRICHMENT_CONFIG only at CAMPAIGN_SETTINGS."), (skipped.Status, skipped.Detail));
        Assert.Equal(400, pipelines.Status);
        Assert.Contains("the pipeline moves it to EMAIL_GENERATION", pipelines.Detail, StringComparison.Ordinal);
        Assert.Equal(400, unknown.Status);
        Assert.StartsWith("step 'REVIEW' is not one of UPLOAD_CSV, CAMPAIGN_SETTINGS", unknown.Detail, StringComparison.Ordinal);
        Assert.Equal((400, "Choose or create the campaign first (campaignId)."), (noCampaign.Status, noCampaign.Detail));
        Assert.Equal((409, "The session has no batch yet; begin enrichment first."), (notFinished.Status, notFinished.Detail));
        Assert.Equal("CAMPAIGN_SETTINGS", await api.Database.ScalarAsync<string>($"SELECT current_step::text FROM workflow_sessions WHERE id = '{id}'"));
    }

    [Fact]
    public async Task StageFile_WhenTheFileCannotBeImported_Answers400AndKeepsNoDraft()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var id = await StartAsync(api, "browser-3");

        var noEmail = await StageAsync(api, id, "Name,Company\nAda,Acme\n", "contacts.csv");
        var empty = await StageAsync(api, id, string.Empty, "empty.csv");
        var session = await GetAsync(api, id);

        Assert.Equal(400, noEmail.Status);
        Assert.Contains("email", noEmail.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(400, empty.Status);
        Assert.Null(session.Json["configuration"]!["draftBlob"]);
        var drafts = api.Get<BlobServiceClient>().GetBlobContainerClient(UploadIntake.DraftsContainer);
        var left = 0;
        await foreach (var _ in drafts.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{id}/" }, Ct))
        {
            left++;
        }

        Assert.Equal(0, left);
    }

    [Fact]
    public async Task PreviewEmail_OnTheStagedFile_RendersTheTemplatesForItsFirstRowAndRefusesABrokenOne()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var id = await StartAsync(api, "browser-4");
        await StageAsync(api, id, Sample, "p.csv");
        var campaign = new JsonObject
        {
            ["name"] = "Wizard campaign",
            ["emailSubject"] = "An idea for {{ company }}",
            ["emailBody"] = "Hi {{ first_name }},\n\nteams in {{ csv[\"City\"] }} ask us about {{ service.name }}.\n\n{{ sender.name }}",
            ["prompt"] = "Short and plain.",
            ["service"] = new JsonObject { ["name"] = "Cloud Cost Review", ["description"] = "A review.", ["valueProposition"] = "Lower bills." },
            ["senderName"] = "Sam",
        };

        var first = await PreviewAsync(api, id, campaign.ToJsonString(), null);
        var second = await PreviewAsync(api, id, campaign.ToJsonString(), "row=1");
        campaign["emailBody"] = "Hi {{ nickname }}";
        var broken = await PreviewAsync(api, id, campaign.ToJsonString(), null);

        Assert.Equal(200, first.Status);
        Assert.Equal((2, "An idea for Ledgerline"), ((int)first.Json["line"]!, (string?)first.Json["subject"]));
        Assert.Equal("Hi Maya,\n\nteams in London ask us about Cloud Cost Review.\n\nSam", (string?)first.Json["body"]);
        Assert.Equal(("Daniel Brenner", "An idea for Paywise GmbH"), ((string?)second.Json["name"], (string?)second.Json["subject"]));
        Assert.Equal(400, broken.Status);
        Assert.StartsWith("emailBody: unknown variable 'nickname' on line 1.", broken.Detail, StringComparison.Ordinal);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM services"));
    }

    [Fact]
    public async Task List_ForABrowserSession_AnswersItsSessionsNewestFirstAndNoOneElses()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var older = await StartAsync(api, "browser-5");
        var newer = await StartAsync(api, "browser-5");
        await StartAsync(api, "someone-else");

        var listed = await api.SendAsync(r => Functions(api).ListWorkflows(r, Ct), "GET", "/api/workflows", query: "userSessionId=browser-5");
        var missing = await api.SendAsync(r => Functions(api).ListWorkflows(r, Ct), "GET", "/api/workflows");
        var unknown = await api.SendAsync(r => Functions(api).GetWorkflow(r, Guid.NewGuid().ToString(), Ct), "GET", "/api/workflows/x");

        Assert.Equal([newer, older], listed.Json.AsArray().Select(s => Guid.Parse((string)s!["id"]!)));
        Assert.All(listed.Json.AsArray(), s => Assert.Equal(("UPLOAD_CSV", "ACTIVE", true), ((string?)s!["step"], (string?)s["status"], (bool)s["guided"]!)));
        Assert.Equal((400, 404), (missing.Status, unknown.Status));
    }

    [Fact]
    public async Task AbandonIdle_WhenASessionWasLeftPastTheLimit_MarksItAbandonedAndKeepsRecentAndRunningOnes()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?> { ["Workflow:AbandonAfter"] = "1.00:00:00" });
        var idle = await StartAsync(api, "browser-6");
        var recent = await StartAsync(api, "browser-6");
        var running = await StartAsync(api, "browser-6");
        var campaignId = await CampaignAsync(api);
        await StageAsync(api, running, Sample, "p.csv");
        await AdvanceAsync(api, running, new { step = "CAMPAIGN_SETTINGS" });
        await AdvanceAsync(api, running, new { step = "ENRICHMENT_CONFIG", campaignId });
        await AdvanceAsync(api, running, new { step = "BEGIN_ENRICHMENT" }, AppServices.DurableClient().Object);
        await api.Database.ExecuteAsync($"UPDATE workflow_sessions SET updated_at = now() - interval '2 days' WHERE id IN ('{idle}', '{running}')");

        var abandoned = await api.Get<WorkflowWizard>().AbandonIdleAsync(Ct);
        var abandonRunning = await api.SendAsync(r => Functions(api).AbandonWorkflow(r, running.ToString(), Ct), "POST", "/x");

        Assert.Equal(1, abandoned);
        var statuses = await api.Database.RowsAsync("SELECT id, status::text FROM workflow_sessions");
        var byId = statuses.ToDictionary(r => (Guid)r[0]!, r => (string)r[1]!);
        Assert.Equal(("ABANDONED", "ACTIVE", "ACTIVE"), (byId[idle], byId[recent], byId[running]));
        Assert.Equal(409, abandonRunning.Status);
        Assert.Contains("cancel the batch first", abandonRunning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateCampaign_WithNewSettings_SaysWhatChangedAndRefusesARenameOrAnUnknownCampaign()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaignId = await CampaignAsync(api);
        var catalog = new CatalogFunctions(api.Get<Catalog>(), api.Get<CatalogQueries>(), api.Get<UploadIntake>());
        var stored = (await api.SendAsync(r => catalog.GetCampaign(r, campaignId.ToString(), Ct), "GET", "/x")).Json.AsObject();
        var body = new JsonObject
        {
            ["emailSubject"] = "A better subject for {{ company }}",
            ["prompt"] = (string?)stored["prompt"],
            ["enrichmentFlags"] = new JsonArray("website"),
            ["serviceId"] = (string?)stored["serviceId"],
            ["verification"] = "off",
        };

        var updated = await api.SendAsync(r => catalog.UpdateCampaign(r, campaignId.ToString(), Ct), "PUT", "/x", body.ToJsonString());
        body["name"] = "Another name";
        var renamed = await api.SendAsync(r => catalog.UpdateCampaign(r, campaignId.ToString(), Ct), "PUT", "/x", body.ToJsonString());
        var unknown = await api.SendAsync(r => catalog.UpdateCampaign(r, Guid.NewGuid().ToString(), Ct), "PUT", "/x", body.ToJsonString());

        Assert.Equal(200, updated.Status);
        Assert.Equal("A better subject for {{ company }}", (string?)updated.Json["campaign"]!["emailSubject"]);
        Assert.Contains(updated.Json["changes"]!.AsArray(), c => ((string)c!).StartsWith("enrichmentFlags:", StringComparison.Ordinal));
        Assert.Equal<string>(["website"], await api.Database.ScalarAsync<string[]>($"SELECT ARRAY(SELECT jsonb_array_elements_text(enrichment_flags)) FROM campaigns WHERE id = '{campaignId}'") ?? []);
        Assert.Equal(400, renamed.Status);
        Assert.Equal(404, unknown.Status);
    }

    private static WorkflowFunctions Functions(ApiFixture api) => new(api.Get<WorkflowWizard>());

    private static async Task<Guid> StartAsync(ApiFixture api, string browser)
    {
        var response = await api.SendAsync(r => Functions(api).StartWorkflow(r, Ct), "POST", "/api/workflows", new JsonObject { ["userSessionId"] = browser }.ToJsonString());
        Assert.Equal(201, response.Status);
        return Guid.Parse((string)response.Json["id"]!);
    }

    private static Task<ApiResponse> StageAsync(ApiFixture api, Guid id, string csv, string name) =>
        api.SendAsync(r => Functions(api).StageWorkflowFile(r, id.ToString(), Ct), "PUT", $"/api/workflows/{id}/file", csv, query: $"name={Uri.EscapeDataString(name)}", contentType: "text/csv");

    private static Task<ApiResponse> GetAsync(ApiFixture api, Guid id) =>
        api.SendAsync(r => Functions(api).GetWorkflow(r, id.ToString(), Ct), "GET", $"/api/workflows/{id}");

    private static Task<ApiResponse> PreviewAsync(ApiFixture api, Guid id, string campaign, string? query) =>
        api.SendAsync(r => Functions(api).PreviewWorkflowEmail(r, id.ToString(), Ct), "POST", $"/api/workflows/{id}/email-preview", campaign, query: query);

    private static Task<ApiResponse> AdvanceAsync(ApiFixture api, Guid id, object body, DurableTaskClient? durable = null) =>
        api.SendAsync(
            r => Functions(api).AdvanceWorkflow(r, id.ToString(), durable ?? AppServices.DurableClient().Object, Ct),
            "POST",
            $"/api/workflows/{id}/advance",
            System.Text.Json.JsonSerializer.Serialize(body));

    private static async Task<Guid> CampaignAsync(ApiFixture api) => (await new CampaignBuilder().SaveWithServiceAsync(api.Database)).Id;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
