using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>
/// The plain-SQL reads of a batch against what EF wrote: the same rules (the latest job is the newest that is not a
/// push) and the same mapping (enum labels, jsonb through OutreachJson) as the EF side.
/// </summary>
public sealed class BatchReadsTests(PostgresServer server) : DatabaseTest(server)
{
    private BatchReads Reads => new(Database.ReadDataSource);

    [Fact]
    public async Task StatusAsync_WhenAPushIsNewerThanTheRetry_ReportsTheRetryAsEfsNewestFirstOfDoes()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 2);
        var batchId = scenario.Batch.Id;
        var first = Job(scenario, JobType.FullPipeline, minutes: 0, "batch-first");
        var retry = Job(scenario, JobType.Generation, minutes: 1, "retry-1");
        var push = Job(scenario, JobType.Push, minutes: 2, "push-1");
        var session = new WorkflowSession(scenario.Campaign.Id, batchId, "user-1", configurationData: null, TestClock.At(0));
        await using (var db = Database.CreateContext())
        {
            db.AddRange(first, retry, push, session);
            await db.SaveChangesAsync(Ct);
        }

        var row = await Reads.StatusAsync(batchId, Ct);

        await using var check = Database.CreateContext();
        var efLatest = await check.ProcessingJobs.AsNoTracking().NewestFirstOf(batchId).FirstAsync(Ct);
        Assert.NotNull(row);
        Assert.Equal(retry.Id, efLatest.Id);
        Assert.Equal(new LatestJobRow(retry.Id, JobType.Generation, JobStatus.Running, 0, 2, "retry-1"), row.Job);
        Assert.Equal(new SessionStepRow(session.CurrentStep, session.Status), row.Session);
        Assert.Equal((scenario.Batch.Name, BatchStatus.Uploaded, 2, scenario.Campaign.Id), (row.Name, row.Status, row.TotalProspects, row.CampaignId));
        Assert.Equal("retry-1", await Reads.LatestInstanceIdAsync(batchId, Ct));
    }

    [Fact]
    public async Task StatusAsync_WhenTheBatchHasNoJobOrSession_ReadsTheBatchAlone()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 1);

        var row = await Reads.StatusAsync(scenario.Batch.Id, Ct);

        Assert.NotNull(row);
        Assert.Equal((null, null), (row.Job, row.Session));
        Assert.Equal(Batch.InstanceIdFor(scenario.Batch.Id), row.InstanceId);
        Assert.Null(await Reads.LatestInstanceIdAsync(scenario.Batch.Id, Ct));
        Assert.Null(await Reads.StatusAsync(Guid.CreateVersion7(), Ct));
    }

    [Fact]
    public async Task RejectedRowsAsync_WhenTheUploadRejectedRows_ReadsThemAsEfWroteThem()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 1);
        RejectedRow[] rejected = [new(3, "email: not an address", "Zoë,\"=cmd|' /C calc'!A0\",x"), new(7, "suppressed: BOUNCED", "a,b,c")];
        var upload = new CsvUpload(scenario.Campaign.Id, "uploads", "q3/prospects.csv", "0x1", new string('a', 64), 120, TestClock.T0);
        Batch batch;
        await using (var db = Database.CreateContext())
        {
            db.Add(upload);
            await db.SaveChangesAsync(Ct);
            batch = new Batch(scenario.Campaign.Id, upload.Id, "prospects.csv", 1, TestClock.T0);
            db.Add(batch);
            await db.SaveChangesAsync(Ct);
            upload.MarkImported(batch.Id, rowsAccepted: 1, rejected, TestClock.T0);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(rejected, await Reads.RejectedRowsAsync(batch.Id, Ct));
        Assert.Empty(await Reads.RejectedRowsAsync(scenario.Batch.Id, Ct));
    }

    [Fact]
    public async Task ListAsync_WhenFilteredAndPaged_CountsEveryMatchAndReadsThePageNewestFirst()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 1);
        var other = new CampaignBuilder().Build(scenario.Service.Id);
        var later = Enumerable.Range(1, 3).Select(i => new Batch(scenario.Campaign.Id, null, $"b{i}.csv", i, TestClock.At(i))).ToList();
        var elsewhere = new Batch(other.Id, null, "other.csv", 9, TestClock.At(10));
        await using (var db = Database.CreateContext())
        {
            db.Add(other);
            db.AddRange(later);
            db.Add(elsewhere);
            await db.SaveChangesAsync(Ct);
        }

        var (page, total) = await Reads.ListAsync(scenario.Campaign.Id, BatchStatus.Uploaded, skip: 1, take: 2, Ct);
        var (none, noneTotal) = await Reads.ListAsync(other.Id, BatchStatus.Completed, skip: 0, take: 10, Ct);
        var (all, allTotal) = await Reads.ListAsync(campaignId: null, status: null, skip: 0, take: 10, Ct);

        Assert.Equal(4, total);
        Assert.Equal(["b2.csv", "b1.csv"], page.Select(b => b.Name));
        Assert.All(page, b => Assert.Equal((scenario.Campaign.Name, BatchStatus.Uploaded), (b.CampaignName, b.Status)));
        Assert.Equal((0, 0L), (none.Count, noneTotal));
        Assert.Equal(5, allTotal);
        Assert.Equal(elsewhere.Id, all[0].Id);
        Assert.Equal(other.Name, all[0].CampaignName);
    }

    [Fact]
    public async Task FailureMessagesAsync_WhenProspectsFailed_CountsEachMessageOfTheFailedOnly()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 4);
        var ids = scenario.Prospects.Select(p => p.Id).ToArray();
        await Database.ExecuteAsync(
            "UPDATE prospects SET status = 'FAILED', error_message = CASE WHEN id = ANY($1) THEN 'model: quota exhausted' ELSE NULL END WHERE id = ANY($2)",
            ids[..2], ids[..3]);

        var messages = await Reads.FailureMessagesAsync(scenario.Batch.Id, Ct);

        Assert.Equal([(null, 1), ("model: quota exhausted", 2)], messages.OrderBy(m => m.Message, StringComparer.Ordinal));
    }

    private static ProcessingJob Job(Scenario scenario, JobType type, int minutes, string instanceId)
    {
        var job = new ProcessingJob(scenario.Campaign.Id, scenario.Batch.Id, type, scenario.Prospects.Count, TestClock.At(minutes));
        job.Start(instanceId, TestClock.At(minutes));
        return job;
    }
}
