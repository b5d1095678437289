using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Import;

/// <summary>Blob drop → batch, through the real processor, against Azurite and PostgreSQL.</summary>
public sealed class UploadIngestionTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private UploadContainer _container = null!;
    private ServiceProvider _services = null!;
    private Campaign _campaign = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        _container = await UploadContainer.CreateAsync();
        _services = AppServices.Build(_database, new Dictionary<string, string?>
        {
            ["Import:MaxFileBytes"] = "2000000",
            ["Import:MaxRows"] = "50",
            ["Import:MaxFieldChars"] = "500",
        });
        _campaign = await CreateCampaignAsync("Q3 Fintech Outreach", DedupeScope.Campaign);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _container.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Process_WhenFileIsValid_WritesUploadBatchProspectsAndSessionAndStartsTheOrchestration()
    {
        var durable = AppServices.DurableClient();
        var blob = await _container.DropAsync(_campaign.Name, "prospects.csv", SampleFile());

        var result = await Processor.ProcessAsync(blob, _campaign.Name, durable.Object, Ct);

        Assert.Equal((UploadStatus.Imported, 3, 2, false), (result.Status, result.RowsAccepted, result.RowsRejected, result.AlreadyIngested));
        var batchId = result.BatchId!.Value;
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(nameof(ProcessBatchOrchestrator)),
            It.Is<object?>(i => ((ProcessBatchInput)i!).BatchId == batchId),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == $"batch-{batchId:D}"),
            It.IsAny<CancellationToken>()), Times.Once);

        var batch = Assert.Single(await _database.RowsAsync("SELECT status::text, total_prospects, upload_id, name FROM batches"));
        Assert.Equal(("UPLOADED", 3, result.UploadId, "prospects.csv"), ((string)batch[0]!, (int)batch[1]!, (Guid)batch[2]!, (string)batch[3]!));
        var prospects = await _database.RowsAsync("SELECT ordinal, email_normalized, name, status::text FROM prospects WHERE batch_id = $1 ORDER BY ordinal", batchId);
        Assert.Equal(
            [(0, "ada@engines.example", "Ada Lovelace"), (1, "grace@navy.example", "Grace Hopper"), (2, "kj@nasa.example", "Katherine Johnson")],
            prospects.Select(r => ((int)r[0]!, (string)r[1]!, (string)r[2]!)));
        Assert.All(prospects, r => Assert.Equal("PENDING", r[3]));
        var session = Assert.Single(await _database.RowsAsync("SELECT current_step::text, status::text, batch_id FROM workflow_sessions"));
        Assert.Equal(("UPLOAD_CSV", "ACTIVE", batchId), ((string)session[0]!, (string)session[1]!, (Guid)session[2]!));
    }

    [Fact]
    public async Task Process_WhenRowsAreRejected_KeepsTheirLineReasonAndRawTextRetrievable()
    {
        var blob = await _container.DropAsync(_campaign.Name, "prospects.csv", SampleFile());

        var result = await Processor.ProcessAsync(blob, _campaign.Name, AppServices.DurableClient().Object, Ct);

        await using var db = _database.CreateContext();
        var upload = await db.CsvUploads.SingleAsync(u => u.Id == result.UploadId, Ct);
        Assert.Equal((5, 3, 2, result.BatchId), (upload.RowsTotal, upload.RowsAccepted, upload.RowsRejected, upload.BatchId));
        Assert.Equal(
            [
                new RejectedRow(4, "'not an email' is not a valid email address", "Bob,Builder,not an email,Bob Ltd"),
                new RejectedRow(5, "duplicate of line 2 (same email)", "Ada,Again,ADA@engines.example,Engines"),
            ],
            upload.RejectedRows);
        Assert.Equal(64, upload.ContentSha256!.Length);
    }

    [Fact]
    public async Task Process_WhenTheSameBlobIsDeliveredTwice_CreatesOneBatch()
    {
        var durable = AppServices.DurableClient();
        var blob = await _container.DropAsync(_campaign.Name, "prospects.csv", SampleFile());

        var first = await Processor.ProcessAsync(blob, _campaign.Name, durable.Object, Ct);
        durable.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(ProcessBatchOrchestrator), $"batch-{first.BatchId:D}"));
        var second = await Processor.ProcessAsync(blob, _campaign.Name, durable.Object, Ct);

        Assert.True(second.AlreadyIngested);
        Assert.Equal((first.UploadId, first.BatchId), (second.UploadId, second.BatchId));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM batches"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
        Assert.Equal(3L, await _database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Process_WhenTheSameContentArrivesUnderAnotherName_CreatesNoNewBatchAndRecordsTheCopy()
    {
        var durable = AppServices.DurableClient();
        var first = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "monday.csv", SampleFile()), _campaign.Name, durable.Object, Ct);

        var second = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Id.ToString(), "copy of monday.csv", SampleFile()), _campaign.Id.ToString(), durable.Object, Ct);

        Assert.True(second.AlreadyIngested);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM batches"));

        // The copy has a row of its own that points at the first batch, and says so.
        Assert.NotEqual(first.UploadId, second.UploadId);
        var copy = Assert.Single(await _database.RowsAsync("SELECT status::text, batch_id, error_message, content_sha256 FROM csv_uploads WHERE id = $1", second.UploadId));
        Assert.Equal(("IMPORTED", first.BatchId), ((string)copy[0]!, (Guid?)copy[1]));
        Assert.StartsWith($"The same content was received before as upload {first.UploadId}", (string)copy[2]!, StringComparison.Ordinal);
        Assert.Null(copy[3]);
    }

    [Fact]
    public async Task Process_WhenRowsAreAlreadyProspectsOfTheCampaign_RejectsThemAndNumbersTheRestContiguously()
    {
        await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "first.csv", SampleFile()), _campaign.Name, AppServices.DurableClient().Object, Ct);
        var overlap = CsvFileBuilder.WithHeader("Email", "Name")
            .Row("new1@example.com", "New One")
            .Row("grace@navy.example", "Grace Again")
            .Row("new2@example.com", "New Two")
            .Build();

        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "second.csv", overlap), _campaign.Name, AppServices.DurableClient().Object, Ct);

        Assert.Equal((2, 1), (result.RowsAccepted, result.RowsRejected));
        Assert.Equal(
            [(0, "new1@example.com"), (1, "new2@example.com")],
            (await _database.RowsAsync("SELECT ordinal, email FROM prospects WHERE batch_id = $1 ORDER BY ordinal", result.BatchId!.Value)).Select(r => ((int)r[0]!, (string)r[1]!)));
        Assert.Equal(
            "already a prospect of this campaign",
            await _database.ScalarAsync<string>("SELECT rejected_rows -> 0 ->> 'reason' FROM csv_uploads WHERE id = $1", result.UploadId));
        Assert.Equal(2, await _database.ScalarAsync<int>("SELECT total_prospects FROM batches WHERE id = $1", result.BatchId!.Value));
    }

    [Fact]
    public async Task Process_WhenCampaignDedupesGlobally_RejectsEmailsKnownToAnyCampaign()
    {
        await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "first.csv", SampleFile()), _campaign.Name, AppServices.DurableClient().Object, Ct);
        var global = await CreateCampaignAsync("Global Dedupe", DedupeScope.Global);
        var file = CsvFileBuilder.WithHeader("Email").Row("ada@engines.example").Row("fresh@example.com").Build();

        var result = await Processor.ProcessAsync(await _container.DropAsync(global.Name, "g.csv", file), global.Name, AppServices.DurableClient().Object, Ct);

        Assert.Equal((1, 1), (result.RowsAccepted, result.RowsRejected));
        Assert.Equal(
            "already a prospect of campaign 'Q3 Fintech Outreach'",
            await _database.ScalarAsync<string>("SELECT rejected_rows -> 0 ->> 'reason' FROM csv_uploads WHERE id = $1", result.UploadId));
    }

    [Fact]
    public async Task Process_WhenFileIsOverTheByteLimit_RecordsAFailedUploadAndWritesNothingElse()
    {
        var builder = CsvFileBuilder.WithHeader("Email", "Notes");
        for (var i = 0; i < 45; i++)
        {
            builder.Row($"p{i}@example.com", new string('x', 480));
        }

        var big = builder.Build().Concat(new byte[2_000_001 - builder.Build().Length]).ToArray();
        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "big.csv", big), _campaign.Name, AppServices.DurableClient().Object, Ct);

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.Equal("The file is 2,000,001 bytes; the limit is 2,000,000 bytes (Import__MaxFileBytes).", result.ErrorMessage);
        await AssertNothingButAFailedUploadAsync(result.ErrorMessage);
    }

    [Fact]
    public async Task Process_WhenFileHasTooManyRows_RecordsAFailedUploadAndWritesNothingElse()
    {
        var builder = CsvFileBuilder.WithHeader("Email");
        for (var i = 0; i < 51; i++)
        {
            builder.Row($"p{i}@example.com");
        }

        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "many.csv", builder.Build()), _campaign.Name, AppServices.DurableClient().Object, Ct);

        Assert.Equal("The file has more than 50 rows (Import__MaxRows).", result.ErrorMessage);
        await AssertNothingButAFailedUploadAsync(result.ErrorMessage);
    }

    [Fact]
    public async Task Process_WhenOneFieldIsOverTheFieldLimit_RejectsOnlyThatRow()
    {
        var file = CsvFileBuilder.WithHeader("Email", "Notes").Row("a@example.com", "short").Row("b@example.com", new string('y', 501)).Build();

        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "f.csv", file), _campaign.Name, AppServices.DurableClient().Object, Ct);

        Assert.Equal((UploadStatus.Imported, 1, 1), (result.Status, result.RowsAccepted, result.RowsRejected));
        Assert.Equal(
            "field 'Notes' is 501 characters; the limit is 500 (Import__MaxFieldChars)",
            await _database.ScalarAsync<string>("SELECT rejected_rows -> 0 ->> 'reason' FROM csv_uploads"));
    }

    [Fact]
    public async Task Process_WhenAnExportHasAPreambleAndAReportFooter_ImportsTheTableAndKeepsNotesOnTheUpload()
    {
        var file = CsvFileBuilder.WithHeader("First Name", "Last Name", "Email Address", "Company")
            .Row("Ada", "Lovelace", "ada@engines.example", "Analytical Engines")
            .RawLine("\"Grand Totals (1 records)\"")
            .RawLine("\"Confidential Information - Do Not Distribute\"")
            .Preamble("Notes:", "\"Some email addresses may be missing.\"", string.Empty)
            .Build();

        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "connections.csv", file), _campaign.Name, AppServices.DurableClient().Object, Ct);

        Assert.Equal((UploadStatus.Imported, 1, 0), (result.Status, result.RowsAccepted, result.RowsRejected));
        Assert.Equal(2, result.Notes!.Count);
        var stored = await _database.ScalarAsync<string>("SELECT notes::text FROM csv_uploads WHERE id = $1", result.UploadId);
        Assert.Contains("The header is on line 4", stored, StringComparison.Ordinal);
        Assert.Contains("Skipped a report footer of 2 lines from line 6", stored, StringComparison.Ordinal);
        var redelivered = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "connections.csv", file), _campaign.Name, AppServices.DurableClient().Object, Ct);
        Assert.Equal(result.Notes, redelivered.Notes);
    }

    [Fact]
    public async Task Process_WhenFileHasNoEmailColumn_RecordsAFailedUploadWithTheReason()
    {
        var file = CsvFileBuilder.WithHeader("Name", "Company").Row("Ada", "Engines").Build();

        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "noemail.csv", file), _campaign.Name, AppServices.DurableClient().Object, Ct);

        Assert.StartsWith("No email column.", result.ErrorMessage, StringComparison.Ordinal);
        await AssertNothingButAFailedUploadAsync(result.ErrorMessage);
        Assert.NotNull(await _database.ScalarAsync<string>("SELECT content_sha256 FROM csv_uploads"));
    }

    [Fact]
    public async Task Process_WhenCampaignIsUnknown_RecordsAFailedUploadWithoutCampaign()
    {
        var result = await Processor.ProcessAsync(await _container.DropAsync("no-such-campaign", "p.csv", SampleFile()), "no-such-campaign", AppServices.DurableClient().Object, Ct);

        Assert.Equal(UploadStatus.Failed, result.Status);
        Assert.StartsWith("No campaign with id or name 'no-such-campaign'.", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(await _database.ScalarAsync<Guid?>("SELECT campaign_id FROM csv_uploads"));

        var again = await Processor.ProcessAsync(_container.Client.GetBlobClient("no-such-campaign/p.csv"), "no-such-campaign", AppServices.DurableClient().Object, Ct);
        Assert.True(again.AlreadyIngested);
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
    }

    [Fact]
    public async Task Process_WhenTheCampaignIsCreatedAfterItsBlobFailed_TheFailureStandsUntilTheFileIsUploadedAgain()
    {
        var blob = await _container.DropAsync("Later campaign", "p.csv", SampleFile());
        var failed = await Processor.ProcessAsync(blob, "Later campaign", AppServices.DurableClient().Object, Ct);
        await CreateCampaignAsync("Later campaign", DedupeScope.Campaign);

        // The container scan lists old blobs again: a recorded failure is final for that blob version.
        var rescanned = await Processor.ProcessAsync(blob, "Later campaign", AppServices.DurableClient().Object, Ct);
        var reuploaded = await Processor.ProcessAsync(await _container.DropAsync("Later campaign", "p.csv", SampleFile()), "Later campaign", AppServices.DurableClient().Object, Ct);

        Assert.Equal(UploadStatus.Failed, failed.Status);
        Assert.Equal((UploadStatus.Failed, true, failed.UploadId), (rescanned.Status, rescanned.AlreadyIngested, rescanned.UploadId));
        Assert.Equal((UploadStatus.Imported, false), (reuploaded.Status, reuploaded.AlreadyIngested));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM batches"));
    }

    [Fact]
    public async Task Process_WhenCampaignFolderDiffersInCase_FindsTheCampaign()
    {
        var result = await Processor.ProcessAsync(await _container.DropAsync("q3 fintech outreach", "p.csv", SampleFile()), "q3 fintech outreach", AppServices.DurableClient().Object, Ct);

        Assert.Equal(UploadStatus.Imported, result.Status);
        Assert.Equal(_campaign.Id, await _database.ScalarAsync<Guid>("SELECT campaign_id FROM batches"));
    }

    [Fact]
    public async Task Process_WhenStartingTheOrchestrationFails_KeepsTheBatchUploadedForTheSweeper()
    {
        var durable = AppServices.DurableClient();
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));

        var result = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "p.csv", SampleFile()), _campaign.Name, durable.Object, Ct);

        Assert.Equal(UploadStatus.Imported, result.Status);
        Assert.Equal("UPLOADED", await _database.ScalarAsync<string>("SELECT status::text FROM batches WHERE id = $1", result.BatchId!.Value));
        Assert.Equal(3L, await _database.ScalarAsync<long>("SELECT count(*) FROM prospects"));

        // The next delivery (or the sweeper) starts it.
        var retry = AppServices.DurableClient();
        await Processor.ProcessAsync(_container.Client.GetBlobClient($"{_campaign.Name}/p.csv"), _campaign.Name, retry.Object, Ct);
        retry.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Sweep_WhenABatchWasLeftUploaded_StartsItOnceAndLeavesRecentAndStartedBatchesAlone()
    {
        var broken = AppServices.DurableClient();
        broken.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));
        var stranded = await Processor.ProcessAsync(await _container.DropAsync(_campaign.Name, "old.csv", SampleFile()), _campaign.Name, broken.Object, Ct);
        var recent = await Processor.ProcessAsync(
            await _container.DropAsync(_campaign.Name, "new.csv", CsvFileBuilder.WithHeader("Email").Row("recent@example.com").Build()), _campaign.Name, broken.Object, Ct);
        await _database.ExecuteAsync("UPDATE batches SET created_at = now() - interval '10 minutes' WHERE id = $1", stranded.BatchId!.Value);
        var durable = AppServices.DurableClient();

        var started = await _services.GetRequiredService<BatchSweeper>().SweepAsync(durable.Object, Ct);

        Assert.Equal(1, started);
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(nameof(ProcessBatchOrchestrator)),
            It.Is<object?>(i => ((ProcessBatchInput)i!).BatchId == stranded.BatchId),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == $"batch-{stranded.BatchId:D}"),
            It.IsAny<CancellationToken>()), Times.Once);
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(
            It.IsAny<TaskName>(), It.Is<object?>(i => ((ProcessBatchInput)i!).BatchId == recent.BatchId), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private BlobUploadProcessor Processor => _services.GetRequiredService<BlobUploadProcessor>();

    private static byte[] SampleFile() => CsvFileBuilder.WithHeader("First Name", "Last Name", "Email", "Company")
        .Row("Ada", "Lovelace", "ada@engines.example", "Analytical Engines")
        .Row("Grace", "Hopper", "grace@navy.example", "US Navy")
        .Row("Bob", "Builder", "not an email", "Bob Ltd")
        .Row("Ada", "Again", "ADA@engines.example", "Engines")
        .Row("Katherine", "Johnson", "kj@nasa.example", "NASA")
        .Build();

    private async Task<Campaign> CreateCampaignAsync(string name, DedupeScope scope)
    {
        await using var db = _database.CreateContext();
        var service = new ServiceBuilder().Named($"Service for {name}").Build();
        var campaign = new Campaign(name, "Hello {{company}}", "Be brief.", service.Id, [EnrichmentFlags.Website], [], scope, TestClock.T0);
        db.AddRange(service, campaign);
        await db.SaveChangesAsync(Ct);
        return campaign;
    }

    private async Task AssertNothingButAFailedUploadAsync(string? reason)
    {
        var upload = Assert.Single(await _database.RowsAsync("SELECT status::text, error_message, batch_id FROM csv_uploads"));
        Assert.Equal(("FAILED", reason, null), ((string)upload[0]!, (string?)upload[1], upload[2]));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM batches"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM workflow_sessions"));
    }
}
