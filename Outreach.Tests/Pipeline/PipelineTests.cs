using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Outreach.Domain.Entities;
using Outreach.Functions.Pipeline;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

/// <summary>The whole pipeline on the local Durable engine, PostgreSQL and Azurite.</summary>
public sealed class PipelineTests(PostgresServer server)
{
    [Fact]
    public async Task Run_WhenEveryProspectSucceeds_CompletesWithExactCountersAndResults()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("a@example.com", "b@example.com", "c@example.com", "d@example.com");

        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var result = run.ReadOutputAs<FinalizeBatchResult>()!;
        Assert.Equal((Outreach.Domain.Enums.BatchStatus.Completed, 4, 4, 0), (result.Status, result.Total, result.Generated, result.Failed));
        var batch = Assert.Single(await f.Database.RowsAsync(
            "SELECT status::text, total_prospects, enriched_prospects, generated_emails, failed_prospects, completed_at IS NOT NULL FROM batches"));
        Assert.Equal(("COMPLETED", 4, 4, 4, 0, true), ((string)batch[0]!, (int)batch[1]!, (int)batch[2]!, (int)batch[3]!, (int)batch[4]!, (bool)batch[5]!));
        var job = Assert.Single(await f.Database.RowsAsync("SELECT status::text, progress_current, progress_total FROM processing_jobs"));
        Assert.Equal(("COMPLETED", 4, 4), ((string)job[0]!, (int)job[1]!, (int)job[2]!));
        var session = Assert.Single(await f.Database.RowsAsync("SELECT status::text, current_step::text FROM workflow_sessions"));
        Assert.Equal(("COMPLETED", "COMPLETED"), ((string)session[0]!, (string)session[1]!));
        Assert.Equal(4L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE status = 'COMPLETED'"));
        Assert.Equal(4L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM generated_emails WHERE generation_status = 'COMPLETED'"));
        Assert.Contains("\"step\":\"COMPLETED\"", run.SerializedCustomStatus, StringComparison.Ordinal);
        Assert.Equal($"outreach-results/{batchId:D}/emails.csv", result.EmailsCsv);
    }

    [Fact]
    public async Task Run_WhenTheCampaignSkipsInvalidAddresses_RecordsEveryCheckSkipsTheInvalidOneAndCompletes()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("ada@mx-ok.test", "bob@nowhere.test", "info@mx-ok.test", "cy@example.com");

        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        var result = run.ReadOutputAs<FinalizeBatchResult>()!;
        Assert.Equal((Outreach.Domain.Enums.BatchStatus.Completed, 4, 3, 0, 1), (result.Status, result.Total, result.Generated, result.Failed, result.Skipped));
        var prospects = (await f.Database.RowsAsync("SELECT email, status::text, email_verification::text, error_message FROM prospects ORDER BY ordinal"))
            .Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!, r[3] as string)).ToList();
        Assert.Equal(
            [
                ("ada@mx-ok.test", "COMPLETED", "VALID", null),
                ("bob@nowhere.test", "SKIPPED", "INVALID",
                    "Skipped: the address is INVALID (the domain nowhere.test does not exist) and the campaign's verification is skip_invalid."),
                ("info@mx-ok.test", "COMPLETED", "RISKY", null),
                ("cy@example.com", "COMPLETED", "UNKNOWN", null),
            ],
            prospects);
        var counters = Assert.Single(await f.Database.RowsAsync("SELECT generated_emails, failed_prospects, skipped_prospects FROM batches"));
        Assert.Equal((3, 0, 1), ((int)counters[0]!, (int)counters[1]!, (int)counters[2]!));
        Assert.Equal(4, await f.Database.ScalarAsync<int>("SELECT progress_current FROM processing_jobs"));
    }

    [Fact]
    public async Task Run_WhenSomeProspectsFail_IsPartialWithExactCountsAndReasons()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("ok1@example.com", "perm-enrich@example.com", "flaky@example.com", "perm-gen@example.com", "always-transient@example.com", "ok2@example.com");

        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var batch = Assert.Single(await f.Database.RowsAsync("SELECT status::text, enriched_prospects, generated_emails, failed_prospects FROM batches"));
        Assert.Equal(("PARTIAL", 4, 3, 3), ((string)batch[0]!, (int)batch[1]!, (int)batch[2]!, (int)batch[3]!));
        var failures = (await f.Database.RowsAsync("SELECT email, error_message FROM prospects WHERE status = 'FAILED' ORDER BY email"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(["always-transient@example.com", "perm-enrich@example.com", "perm-gen@example.com"], failures.Keys);
        Assert.Equal("EnrichProspect: Enrich Layer: 404 no profile for this URL", failures["perm-enrich@example.com"]);
        Assert.Equal("GenerateEmail: OpenRouter: 402 insufficient credits", failures["perm-gen@example.com"]);
        Assert.Equal("EnrichProspect: Enrich Layer: 429 Too Many Requests", failures["always-transient@example.com"]);
        Assert.Equal("COMPLETED", await f.Database.ScalarAsync<string>("SELECT status::text FROM prospects WHERE email = 'flaky@example.com'"));

        // A permanent failure is not retried; a transient one is, up to MaxAttempts (3).
        var byEmail = await ProspectIdsAsync(f);
        Assert.Equal(1, f.Providers.EnrichCalls[byEmail["perm-enrich@example.com"]]);
        Assert.Equal(2, f.Providers.EnrichCalls[byEmail["flaky@example.com"]]);
        Assert.Equal(3, f.Providers.EnrichCalls[byEmail["always-transient@example.com"]]);
        Assert.Equal("FAILED", await f.Database.ScalarAsync<string>(
            "SELECT e.generation_status::text FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id WHERE p.email = 'perm-gen@example.com'"));
        var job = Assert.Single(await f.Database.RowsAsync("SELECT status::text, progress_current FROM processing_jobs"));
        Assert.Equal(("COMPLETED", 6), ((string)job[0]!, (int)job[1]!));
    }

    [Fact]
    public async Task Run_WhenEveryProspectFails_IsFailedAndTheWorkflowIsInError()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("perm-enrich1@example.com", "perm-gen2@example.com");

        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(Outreach.Domain.Enums.BatchStatus.Failed, run.ReadOutputAs<FinalizeBatchResult>()!.Status);
        Assert.Equal("FAILED", await f.Database.ScalarAsync<string>("SELECT status::text FROM batches"));
        Assert.Equal(2, await f.Database.ScalarAsync<int>("SELECT failed_prospects FROM batches"));
        Assert.Equal("FAILED", await f.Database.ScalarAsync<string>("SELECT status::text FROM processing_jobs"));
        Assert.Equal("ERROR", await f.Database.ScalarAsync<string>("SELECT status::text FROM workflow_sessions"));
    }

    [Fact]
    public async Task Run_ResultsCsv_MatchesTheDatabase()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("x1@example.com", "perm-gen@example.com", "x2@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));

        var blob = new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient(ResultsWriter.ResultsContainer).GetBlobClient($"{batchId:D}/emails.csv");
        var csv = (await blob.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content.ToString().TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ResultsWriter.EmailColumns), lines[0]);
        var expected = await f.Database.RowsAsync(
            "SELECT p.email, e.subject FROM prospects p JOIN generated_emails e ON e.prospect_id = p.id WHERE e.generation_status = 'COMPLETED' ORDER BY p.ordinal");
        Assert.Equal(2, expected.Count);
        Assert.Contains((string)expected[0][0]!, csv, StringComparison.Ordinal);
        Assert.Contains((string)expected[1][1]!, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("perm-gen@example.com", csv, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, Guid>> ProspectIdsAsync(PipelineFixture f) =>
        (await f.Database.RowsAsync("SELECT email, id FROM prospects")).ToDictionary(r => (string)r[0]!, r => (Guid)r[1]!);
}
