using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Functions.Application;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Api;

/// <summary>The batch routes: status, prospects, emails (JSON and CSV), review, jobs — against real PostgreSQL and Azurite.</summary>
public sealed class BatchApiTests(PostgresServer server)
{
    [Fact]
    public async Task GetBatch_WhenItExists_AnswersItsCountersJobAndRuntimeStatus()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["one", "two"], failed: 1);
        await api.Database.ScalarAsync<int>("UPDATE batches SET generated_emails = 2, failed_prospects = 1, enriched_prospects = 2 RETURNING 1");

        var response = await api.SendAsync(r => Functions(api).GetBatch(r, seed.Scenario.Batch.Id.ToString(), AppServices.DurableClient().Object, Ct), "GET", "/x");

        Assert.Equal(200, response.Status);
        Assert.Equal((3, 2, 1, 100.0), ((int)response.Json["totalProspects"]!, (int)response.Json["generatedEmails"]!, (int)response.Json["failedProspects"]!, (double)response.Json["percentDone"]!));
        Assert.Equal(seed.Scenario.Campaign.Id.ToString(), (string?)response.Json["campaignId"]);
        Assert.DoesNotContain("statusQueryGetUri", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", 400)]
    [InlineData("0195f1a0-0000-7000-8000-000000000000", 404)]
    public async Task GetBatch_WhenTheIdIsMalformedOrUnknown_AnswersProblemDetails(string id, int status)
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).GetBatch(r, id, AppServices.DurableClient().Object, Ct), "GET", "/x");

        Assert.Equal((status, "application/problem+json"), (response.Status, response.ContentType));
    }

    [Fact]
    public async Task GetBatch_OnA100000ProspectBatch_ReadsTheStoredCountersAndNeverTheProspects()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, []);
        var batchId = seed.Scenario.Batch.Id;
        await api.Database.ScalarAsync<int>($"""
            WITH b AS (UPDATE batches SET total_prospects = 100000, generated_emails = 40000, failed_prospects = 2000 WHERE id = '{batchId}' RETURNING campaign_id)
            INSERT INTO prospects (id, campaign_id, batch_id, ordinal, email, email_normalized, status, additional_data, created_at, updated_at)
            SELECT gen_random_uuid(), b.campaign_id, '{batchId}', i, 'p' || i || '@x.example', 'p' || i || '@x.example', 'PENDING', jsonb_build_object(), now(), now()
            FROM b, generate_series(0, 99999) i
            RETURNING 1
            """);
        Assert.Equal(100_000L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
        List<string> sql;
        ApiResponse response;
        using (var log = new StatementLog(api.Database.Name))
        {
            response = await api.SendAsync(r => Functions(api).GetBatch(r, batchId.ToString(), AppServices.DurableClient().Object, Ct), "GET", "/x");
            sql = [.. log.Texts];
        }

        Assert.Equal((200, 100000, 42.0), (response.Status, (int)response.Json["totalProspects"]!, (double)response.Json["percentDone"]!));
        Assert.Single(sql);
        Assert.All(sql, statement => Assert.DoesNotContain("\"prospects\"", statement, StringComparison.Ordinal));
        Assert.All(sql, statement => Assert.DoesNotContain(" prospects ", statement, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListBatches_WhenFilteredByCampaignAndStatus_ListsThatCampaignsBatchesWithItsName()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["one"]);
        var campaign = seed.Scenario.Campaign.Id.ToString();
        var status = await api.Database.ScalarAsync<string>("SELECT status::text FROM batches");

        var listed = await api.SendAsync(r => Functions(api).ListBatches(r, Ct), "GET", "/x", query: $"campaignId={campaign}&status={status!.ToLowerInvariant()}");
        var other = await api.SendAsync(r => Functions(api).ListBatches(r, Ct), "GET", "/x", query: $"campaignId={Guid.NewGuid()}");
        var bad = await api.SendAsync(r => Functions(api).ListBatches(r, Ct), "GET", "/x", query: "status=SOMETIMES");

        Assert.Equal(200, listed.Status);
        var item = Assert.Single(listed.Json["items"]!.AsArray());
        Assert.Equal((seed.Scenario.Batch.Id.ToString(), seed.Scenario.Campaign.Name), ((string?)item!["id"], (string?)item["campaignName"]));
        Assert.Empty(other.Json["items"]!.AsArray());
        Assert.Equal((400, "application/problem+json"), (bad.Status, bad.ContentType));
    }

    [Fact]
    public async Task ListBatchProspects_WhenFilteredAndPaged_ReturnsThatStatusInOrdinalOrder()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["a", "b", "c"], failed: 2);
        var id = seed.Scenario.Batch.Id.ToString();

        var completed = await api.SendAsync(r => Functions(api).ListBatchProspects(r, id, Ct), "GET", "/x", query: "status=completed&page=2&pageSize=2");
        var failed = await api.SendAsync(r => Functions(api).ListBatchProspects(r, id, Ct), "GET", "/x", query: "status=FAILED");
        var all = await api.SendAsync(r => Functions(api).ListBatchProspects(r, id, Ct), "GET", "/x");

        Assert.Equal((3L, 2), ((long)completed.Json["total"]!, (int)completed.Json["items"]![0]!["ordinal"]!));
        Assert.Equal([3, 4], failed.Json["items"]!.AsArray().Select(p => (int)p!["ordinal"]!));
        Assert.Equal("Enrich Layer: no public profile at that URL (404)", (string?)failed.Json["items"]![0]!["errorMessage"]);
        Assert.Equal(5L, (long)all.Json["total"]!);
    }

    [Theory]
    [InlineData("status=SHIPPED", 400, "status 'SHIPPED' is not one of PENDING, ENRICHING, ENRICHED, GENERATING, COMPLETED, FAILED, SKIPPED.")]
    [InlineData("pageSize=500", 400, "pageSize must be between 1 and 200.")]
    public async Task ListBatchProspects_WhenTheQueryIsInvalid_Answers400(string query, int status, string detail)
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["a"]);

        var response = await api.SendAsync(r => Functions(api).ListBatchProspects(r, seed.Scenario.Batch.Id.ToString(), Ct), "GET", "/x", query: query);

        Assert.Equal((status, detail), (response.Status, response.Detail));
    }

    [Fact]
    public async Task ListBatchProspects_WhenTheBatchIsUnknown_Answers404()
    {
        await using var api = await ApiFixture.StartAsync(server);

        var response = await api.SendAsync(r => Functions(api).ListBatchProspects(r, Guid.NewGuid().ToString(), Ct), "GET", "/x");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task GetProspect_WhenItCompleted_IncludesEnrichmentAnalysisAndEmail()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["Hello Ada"]);

        var response = await api.SendAsync(r => Records(api).GetProspect(r, seed.Scenario.Prospects[0].Id.ToString(), Ct), "GET", "/x");

        Assert.Equal(200, response.Status);
        Assert.Equal("COMPLETED", (string?)response.Json["status"]);
        Assert.Equal("Engines for computation.", (string?)response.Json["enrichment"]!["companySummary"]);
        Assert.Equal("React", (string?)response.Json["enrichment"]!["techStack"]![0]!["name"]);
        Assert.Equal("Lead with the review", (string?)response.Json["analysis"]!["suggestedApproach"]);
        Assert.Equal(("Hello Ada", "PENDING_REVIEW"), ((string?)response.Json["generatedEmail"]!["body"], (string?)response.Json["generatedEmail"]!["reviewStatus"]));
        var facts = response.Json["facts"]!.AsArray().Select(f => ((string?)f!["source"], (string?)f["text"], (bool)f["usedByEmail"]!)).ToList();
        Assert.Contains(("https://analytical-engines.example", "Engines for computation.", true), facts);
        Assert.Contains(("builtwith:analytical-engines.example", "React (JavaScript Library)", false), facts);
        Assert.Equal("f3", (string?)response.Json["generatedEmail"]!["factsUsed"]![0]!["id"]);
        Assert.Equal(404, (await api.SendAsync(r => Records(api).GetProspect(r, Guid.NewGuid().ToString(), Ct), "GET", "/x")).Status);
        Assert.Equal(400, (await api.SendAsync(r => Records(api).GetProspect(r, "x", Ct), "GET", "/x")).Status);
    }

    [Fact]
    public async Task ReviewEmail_WhenApproved_ChangesTheStatusAndTheApprovedExportsFollow()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["first", "second"]);
        var batchId = seed.Scenario.Batch.Id.ToString();

        var review = await api.SendAsync(r => Records(api).ReviewEmail(r, seed.Emails[1].Id.ToString(), Ct), "PUT", "/x", """{"status":"APPROVED"}""");
        var approvedJson = await api.SendAsync(r => Functions(api).ListBatchEmails(r, batchId, Ct), "GET", "/x", query: "approved=true");
        var allJson = await api.SendAsync(r => Functions(api).ListBatchEmails(r, batchId, Ct), "GET", "/x");
        var approvedCsv = await api.SendAsync(r => Functions(api).ExportBatchEmailsCsv(r, batchId, Ct), "GET", "/x", query: "approved=true");

        Assert.Equal((200, "APPROVED"), (review.Status, (string?)review.Json["reviewStatus"]));
        Assert.Equal(["second"], approvedJson.Json["items"]!.AsArray().Select(e => (string?)e!["body"]));
        Assert.Equal(2L, (long)allJson.Json["total"]!);
        var lines = approvedCsv.Body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",second,APPROVED,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBatchEmails_ShowsEachProspectsAddressCheckForTheConsolesFilter()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["checked", "unchecked"]);
        await api.Database.ExecuteAsync($"UPDATE prospects SET email_verification = 'RISKY' WHERE id = '{seed.Scenario.Prospects[0].Id}'");

        var emails = await api.SendAsync(r => Functions(api).ListBatchEmails(r, seed.Scenario.Batch.Id.ToString(), Ct), "GET", "/x");

        Assert.Equal(
            [("checked", "RISKY"), ("unchecked", null)],
            emails.Json["items"]!.AsArray().Select(e => ((string?)e!["body"], (string?)e["emailVerification"])));
    }

    [Fact]
    public async Task ApproveUnflagged_ApprovesOnlyTheEmailsWaitingWithNothingFlagged()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["plain", "flagged", "rejected", "also plain"]);
        var batchId = seed.Scenario.Batch.Id.ToString();
        await api.Database.ExecuteAsync($"UPDATE generated_emails SET quality_flags = '[\"the body has 3 words\"]', review_status = 'NEEDS_ATTENTION' WHERE id = '{seed.Emails[1].Id}'");
        await api.SendAsync(r => Records(api).ReviewEmail(r, seed.Emails[2].Id.ToString(), Ct), "PUT", "/x", """{"status":"REJECTED"}""");

        var approved = await api.SendAsync(r => Records(api).ApproveUnflagged(r, batchId, Ct), "POST", "/x");
        var again = await api.SendAsync(r => Records(api).ApproveUnflagged(r, batchId, Ct), "POST", "/x");
        var unknown = await api.SendAsync(r => Records(api).ApproveUnflagged(r, Guid.NewGuid().ToString(), Ct), "POST", "/x");

        Assert.Equal((200, 2, 0), (approved.Status, (int)approved.Json["approved"]!, (int)again.Json["approved"]!));
        Assert.Equal(404, unknown.Status);
        var statuses = await api.Database.RowsAsync("SELECT body, review_status::text FROM generated_emails ORDER BY body");
        Assert.Equal([("also plain", "APPROVED"), ("flagged", "NEEDS_ATTENTION"), ("plain", "APPROVED"), ("rejected", "REJECTED")], statuses.Select(r => ((string)r[0]!, (string)r[1]!)));
    }

    [Fact]
    public async Task EditEmail_OfAnApprovedEmail_RechecksItKeepsTheOriginalAndStartsTheReviewOver()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["first body", "second body"]);
        var id = seed.Emails[0].Id.ToString();
        await api.SendAsync(r => Records(api).ReviewEmail(r, id, Ct), "PUT", "/x", """{"status":"APPROVED"}""");

        var edited = await api.SendAsync(r => Records(api).EditEmail(r, id, Ct), "PUT", "/x", """{"subject":"A better subject","body":"second body"}""");
        var again = await api.SendAsync(r => Records(api).EditEmail(r, id, Ct), "PUT", "/x", """{"subject":"A better subject","body":"A third body"}""");
        var empty = await api.SendAsync(r => Records(api).EditEmail(r, id, Ct), "PUT", "/x", """{"subject":"x","body":" "}""");
        var unknown = await api.SendAsync(r => Records(api).EditEmail(r, Guid.NewGuid().ToString(), Ct), "PUT", "/x", """{"subject":"x","body":"y"}""");

        Assert.Equal(200, edited.Status);
        Assert.Equal(("A better subject", "second body", "first body"), ((string?)edited.Json["subject"], (string?)edited.Json["body"], (string?)edited.Json["originalBody"]));
        Assert.Equal("NEEDS_ATTENTION", (string?)edited.Json["reviewStatus"]);
        Assert.Contains(edited.Json["qualityFlags"]!.AsArray(), f => ((string?)f)!.StartsWith("the same body as the email to prospect", StringComparison.Ordinal));
        Assert.NotNull((string?)edited.Json["editedAt"]);
        Assert.Equal(("first body", "A third body"), ((string?)again.Json["originalBody"], (string?)again.Json["body"]));
        Assert.DoesNotContain(again.Json["qualityFlags"]!.AsArray(), f => ((string?)f)!.StartsWith("the same body", StringComparison.Ordinal));
        Assert.Equal((400, 404), (empty.Status, unknown.Status));
    }

    [Theory]
    [InlineData("""{"status":"MAYBE"}""", 400)]
    [InlineData("""{"status":"PENDING_REVIEW"}""", 400)]
    [InlineData("""{"status":""", 400)]
    public async Task ReviewEmail_WhenTheVerdictIsInvalid_Answers400(string body, int status)
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["x"]);

        var response = await api.SendAsync(r => Records(api).ReviewEmail(r, seed.Emails[0].Id.ToString(), Ct), "PUT", "/x", body);

        Assert.Equal(status, response.Status);
    }

    [Fact]
    public async Task ReviewEmail_WhenTheEmailIsUnknownOrNotGenerated_Answers404Or409()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, []);
        GeneratedEmail pending;
        await using (var db = api.Database.CreateContext())
        {
            pending = new GeneratedEmail(seed.Scenario.Prospects.Count > 0 ? seed.Scenario.Prospects[0].Id : await NewProspectAsync(db, seed), TestClock.T0);
            db.Add(pending);
            await db.SaveChangesAsync(Ct);
        }

        var unknown = await api.SendAsync(r => Records(api).ReviewEmail(r, Guid.NewGuid().ToString(), Ct), "PUT", "/x", """{"status":"APPROVED"}""");
        var notGenerated = await api.SendAsync(r => Records(api).ReviewEmail(r, pending.Id.ToString(), Ct), "PUT", "/x", """{"status":"APPROVED"}""");

        Assert.Equal(404, unknown.Status);
        Assert.Equal((409, "Email review cannot move from PENDING to APPROVED."), (notGenerated.Status, notGenerated.Detail));
    }

    [Fact]
    public async Task ExportBatchEmailsCsv_WhenCellsStartWithFormulaCharacters_EscapesThemAndQuotesPerRfc4180()
    {
        // A leading NUL or tab is covered by SafeCsv's own tests: PostgreSQL text cannot hold a NUL, and stored emails are trimmed.
        await using var api = await ApiFixture.StartAsync(server);
        string[] bodies = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-2", "@SUM(A1:A9)", "plain, with \"quotes\"\nand a line"];
        var seed = await ApiSeed.CreateAsync(api.Database, bodies);

        var response = await api.SendAsync(r => Functions(api).ExportBatchEmailsCsv(r, seed.Scenario.Batch.Id.ToString(), Ct), "GET", "/x");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.ContentType, StringComparison.Ordinal);
        Assert.Contains($"emails-{seed.Scenario.Batch.Id}.csv", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("\uFEFFordinal,name,email,company,title,subject,body,review_status,model,generated_at,external_id,footer,list_unsubscribe\r\n", response.Body, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", response.Body, StringComparison.Ordinal);
        Assert.Contains(",'+1,", response.Body, StringComparison.Ordinal);
        Assert.Contains(",'-2,", response.Body, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1:A9),", response.Body, StringComparison.Ordinal);
        Assert.Contains(",\"plain, with \"\"quotes\"\"\nand a line\",", response.Body, StringComparison.Ordinal);
        Assert.Equal(404, (await api.SendAsync(r => Functions(api).ExportBatchEmailsCsv(r, Guid.NewGuid().ToString(), Ct), "GET", "/x")).Status);
        Assert.Equal(400, (await api.SendAsync(r => Functions(api).ExportBatchEmailsCsv(r, seed.Scenario.Batch.Id.ToString(), Ct), "GET", "/x", query: "approved=perhaps")).Status);
    }

    [Fact]
    public async Task GetJob_WhenItExistsOrNot_AnswersTheJobOr404()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["x"]);
        var job = new ProcessingJob(seed.Scenario.Campaign.Id, seed.Scenario.Batch.Id, Outreach.Domain.Enums.JobType.FullPipeline, 1, TestClock.T0);
        await using (var db = api.Database.CreateContext())
        {
            db.Add(job);
            await db.SaveChangesAsync(Ct);
        }

        var found = await api.SendAsync(r => Records(api).GetJob(r, job.Id.ToString(), Ct), "GET", "/x");
        var missing = await api.SendAsync(r => Records(api).GetJob(r, Guid.NewGuid().ToString(), Ct), "GET", "/x");

        Assert.Equal((200, "FULL_PIPELINE", "PENDING", 1), (found.Status, (string?)found.Json["type"], (string?)found.Json["status"], (int)found.Json["progressTotal"]!));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Control_OnARunningBatch_PausesResumesAndCancelsWith202AndRefusesWhatItsStateDoesNotAllowWith409()
    {
        await using var f = await PipelineFixture.StartAsync(server, new Dictionary<string, string?> { ["LocalEngine:MaxConcurrentActivities"] = "2" });
        f.Providers.EnrichGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batchId = await f.StartBatchAsync("a@example.com", "b@example.com", "c@example.com");
        await PipelineFixture.WaitUntilAsync("the first enrichment call", () => Task.FromResult(!f.Providers.EnrichCalls.IsEmpty));
        var functions = Functions(f);
        await using var api = await ApiFixture.StartAsync(server);
        var id = batchId.ToString();

        var pause = await api.SendAsync(r => functions.PauseBatch(r, id, f.Client, Ct), "POST", "/x");
        await PipelineFixture.WaitUntilAsync("the orchestration to be Suspended", async () => (await f.Client.GetInstanceAsync(Batch.InstanceIdFor(batchId), Ct))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        var pauseAgain = await api.SendAsync(r => functions.PauseBatch(r, id, f.Client, Ct), "POST", "/x");
        var retryWhileRunning = await api.SendAsync(r => functions.RetryBatch(r, id, f.Client, Ct), "POST", "/x", """{"jobType":"GENERATION"}""");
        var resume = await api.SendAsync(r => functions.ResumeBatch(r, id, f.Client, Ct), "POST", "/x");
        var cancel = await api.SendAsync(r => functions.CancelBatch(r, id, f.Client, Ct), "POST", "/x");
        f.Providers.EnrichGate.SetResult();
        var cancelAgain = await api.SendAsync(r => functions.CancelBatch(r, id, f.Client, Ct), "POST", "/x");
        var badType = await api.SendAsync(r => functions.RetryBatch(r, id, f.Client, Ct), "POST", "/x", """{"jobType":"EVERYTHING"}""");
        var unknown = await api.SendAsync(r => functions.PauseBatch(r, Guid.NewGuid().ToString(), f.Client, Ct), "POST", "/x");

        Assert.Equal(202, pause.Status);
        Assert.StartsWith("/api/jobs/", pause.Headers.Location.ToString(), StringComparison.Ordinal);
        Assert.Equal(409, pauseAgain.Status);
        Assert.Equal(409, retryWhileRunning.Status);
        Assert.Equal((202, 202), (resume.Status, cancel.Status));
        Assert.Equal(409, cancelAgain.Status);
        Assert.Equal((400, "jobType 'EVERYTHING' is not one of ENRICHMENT, GENERATION, FULL_PIPELINE."), (badType.Status, badType.Detail));
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task RetryBatch_OnAPartialBatch_Answers202WithTheJobAndFinishesTheFailedProspects()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        f.Providers.Broken = true;
        var batchId = await f.StartBatchAsync("ok@example.com", "fix-me@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        f.Providers.Broken = false;
        var functions = Functions(f);
        await using var api = await ApiFixture.StartAsync(server);

        var retry = await api.SendAsync(r => functions.RetryBatch(r, batchId.ToString(), f.Client, Ct), "POST", "/x", """{"jobType":"GENERATION"}""");
        await f.WaitAsync($"batch-{batchId:D}-retry-1");
        var status = await api.SendAsync(r => functions.GetBatch(r, batchId.ToString(), f.Client, Ct), "GET", "/x");

        Assert.Equal(202, retry.Status);
        Assert.Equal($"/api/jobs/{retry.Json["jobId"]}", retry.Headers.Location.ToString());
        Assert.Equal(("COMPLETED", 2, "GENERATION", "Completed"),
            ((string?)status.Json["status"], (int)status.Json["generatedEmails"]!, (string?)status.Json["job"]!["type"], (string?)status.Json["runtimeStatus"]));
    }

    [Fact]
    public async Task RetryBatch_WithRegenerateOnACompletedBatch_WritesTheEmailsAgainAndKeepsTheApprovedOne()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("kept@example.com", "again@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        var functions = Functions(f);
        await using var api = await ApiFixture.StartAsync(server);
        var before = await EmailIdsAsync(f);
        await f.Database.ExecuteAsync($"UPDATE generated_emails SET review_status = 'APPROVED', reviewed_at = now() WHERE id = '{before["kept@example.com"]}'");

        var wrongType = await api.SendAsync(r => functions.RetryBatch(r, batchId.ToString(), f.Client, Ct), "POST", "/x", """{"jobType":"FULL_PIPELINE","regenerate":true}""");
        var retry = await api.SendAsync(r => functions.RetryBatch(r, batchId.ToString(), f.Client, Ct), "POST", "/x", """{"jobType":"GENERATION","regenerate":true}""");
        await f.WaitAsync($"batch-{batchId:D}-retry-1");
        var after = await EmailIdsAsync(f);
        var status = await api.SendAsync(r => functions.GetBatch(r, batchId.ToString(), f.Client, Ct), "GET", "/x");

        Assert.Equal(400, wrongType.Status);
        Assert.Equal(202, retry.Status);
        Assert.Equal(before["kept@example.com"], after["kept@example.com"]);
        Assert.NotEqual(before["again@example.com"], after["again@example.com"]);
        Assert.Equal(("COMPLETED", 2, "GENERATION"), ((string?)status.Json["status"], (int)status.Json["generatedEmails"]!, (string?)status.Json["job"]!["type"]));
    }

    [Fact]
    public async Task RegenerateEmail_OfOneEmail_WritesOnlyItAgainAndRefusesAnApprovedOne()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("keep@example.com", "redo@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        var functions = Functions(f);
        await using var api = await ApiFixture.StartAsync(server);
        var before = await EmailIdsAsync(f);
        await f.Database.ExecuteAsync($"UPDATE generated_emails SET review_status = 'APPROVED', reviewed_at = now() WHERE id = '{before["keep@example.com"]}'");

        var approved = await api.SendAsync(r => functions.RegenerateEmail(r, before["keep@example.com"].ToString(), f.Client, Ct), "POST", "/x");
        var unknown = await api.SendAsync(r => functions.RegenerateEmail(r, Guid.NewGuid().ToString(), f.Client, Ct), "POST", "/x");
        var redo = await api.SendAsync(r => functions.RegenerateEmail(r, before["redo@example.com"].ToString(), f.Client, Ct), "POST", "/x");
        await f.WaitAsync($"batch-{batchId:D}-retry-1");
        var after = await EmailIdsAsync(f);
        var status = await api.SendAsync(r => functions.GetBatch(r, batchId.ToString(), f.Client, Ct), "GET", "/x");

        Assert.Equal((409, 404, 202), (approved.Status, unknown.Status, redo.Status));
        Assert.Equal($"/api/jobs/{redo.Json["jobId"]}", redo.Headers.Location.ToString());
        Assert.Equal(before["keep@example.com"], after["keep@example.com"]);
        Assert.NotEqual(before["redo@example.com"], after["redo@example.com"]);
        Assert.Equal(("COMPLETED", 2, 1), ((string?)status.Json["status"], (int)status.Json["generatedEmails"]!, (int)status.Json["job"]!["progressTotal"]!));
    }

    private static async Task<Guid> NewProspectAsync(OutreachDbContext db, ApiSeed seed)
    {
        var prospect = new Builders.ProspectBuilder().Build(seed.Scenario.Batch, 99);
        db.Add(prospect);
        await db.SaveChangesAsync(Ct);
        return prospect.Id;
    }

    // The API's batch functions over the pipeline fixture's engine, so control operations run for real.
    private static BatchFunctions Functions(PipelineFixture f) => new(
        f.Engine.Services.GetRequiredService<BatchQueries>(), f.Engine.Services.GetRequiredService<ProspectQueries>(),
        f.Engine.Services.GetRequiredService<BatchControl>(), f.Engine.Services.GetRequiredService<IDbContextFactory<OutreachDbContext>>());

    // Each prospect's email id, by address: a regenerated email is a new row.
    private static async Task<Dictionary<string, Guid>> EmailIdsAsync(PipelineFixture f) =>
        (await f.Database.RowsAsync("SELECT p.email, e.id FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id")).ToDictionary(r => (string)r[0]!, r => (Guid)r[1]!);

    private static BatchFunctions Functions(ApiFixture api) => new(
        api.Get<BatchQueries>(), api.Get<ProspectQueries>(), api.Get<BatchControl>(), api.Get<IDbContextFactory<OutreachDbContext>>());

    private static RecordFunctions Records(ApiFixture api) => api.Create<RecordFunctions>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
