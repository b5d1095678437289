using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>The one implementation of the status moves, on a real database: what moves, what does not, what is stamped.</summary>
public sealed class StatusTransitionsTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task MoveProspectAsync_WhenEachStepIsLegal_SetsStatusAndEachStepsTimestampInUtc()
    {
        var (scenario, job) = await ScenarioWithRunningJobAsync();
        var id = scenario.Prospects[0].Id;
        var local = new DateTimeOffset(2026, 3, 14, 11, 0, 0, TimeSpan.FromHours(2));

        await Transitions.MoveProspectAsync(_database, id, job.Id, local, ProspectStatus.Enriching, ProspectStatus.Enriched, ProspectStatus.Generating, ProspectStatus.Completed);

        var row = Assert.Single(await _database.RowsAsync(
            "SELECT status::text, updated_at, enrichment_started_at, enriched_at, generation_started_at, completed_at, created_at FROM prospects WHERE id = $1", id));
        Assert.Equal("COMPLETED", row[0]);
        Assert.All(row[1..6], at => Assert.Equal(local.UtcDateTime, (DateTime)at!));
        Assert.Equal(TestClock.T0.UtcDateTime, (DateTime)row[6]!);
    }

    [Fact]
    public async Task MoveProspectAsync_WhenTheRulesDoNotAllowTheMove_ChangesNothing()
    {
        var (scenario, job) = await ScenarioWithRunningJobAsync();
        var id = scenario.Prospects[0].Id;

        var moved = await StatusTransitions.MoveProspectAsync(_database.DataSource, id, job.Id, ProspectStatus.Completed, ProspectCounter.Generated, null, TestClock.At(1), TestContext.Current.CancellationToken);

        Assert.False(moved);
        Assert.Equal(("PENDING", 0), (await _database.ScalarAsync<string>("SELECT status::text FROM prospects WHERE id = $1", id), await _database.ScalarAsync<int>("SELECT generated_emails FROM batches")));
    }

    [Fact]
    public async Task MoveProspectAsync_ToFailed_KeepsTheReasonCountsOnceAndThenRefusesCompleted()
    {
        var (scenario, job) = await ScenarioWithRunningJobAsync();
        var id = scenario.Prospects[0].Id;
        await Transitions.MoveProspectAsync(_database, id, job.Id, TestClock.At(1), ProspectStatus.Enriching);

        var first = await StatusTransitions.MoveProspectAsync(_database.DataSource, id, job.Id, ProspectStatus.Failed, ProspectCounter.Failed, "Enrich Layer: 404 no profile", TestClock.At(2), TestContext.Current.CancellationToken);
        var again = await StatusTransitions.MoveProspectAsync(_database.DataSource, id, job.Id, ProspectStatus.Failed, ProspectCounter.Failed, "again", TestClock.At(3), TestContext.Current.CancellationToken);
        var completed = await StatusTransitions.MoveProspectAsync(_database.DataSource, id, job.Id, ProspectStatus.Completed, ProspectCounter.Generated, null, TestClock.At(4), TestContext.Current.CancellationToken);

        Assert.Equal((true, false, false), (first, again, completed));
        var row = Assert.Single(await _database.RowsAsync("SELECT p.status::text, p.error_message, p.failed_at, b.failed_prospects FROM prospects p JOIN batches b ON b.id = p.batch_id"));
        Assert.Equal(("FAILED", "Enrich Layer: 404 no profile", TestClock.At(2).UtcDateTime, 1), ((string)row[0]!, (string)row[1]!, (DateTime)row[2]!, (int)row[3]!));
    }

    [Fact]
    public async Task RequeueFailedProspectsAsync_ForGeneration_ReturnsEnrichedOnesToEnrichedAndClearsTheError()
    {
        var (scenario, job) = await ScenarioWithRunningJobAsync(prospects: 2);
        await Transitions.MoveProspectAsync(_database, scenario.Prospects[0].Id, job.Id, TestClock.At(1), ProspectStatus.Enriching, ProspectStatus.Enriched, ProspectStatus.Failed);
        await Transitions.MoveProspectAsync(_database, scenario.Prospects[1].Id, job.Id, TestClock.At(1), ProspectStatus.Enriching, ProspectStatus.Failed);
        await _database.ExecuteAsync("UPDATE batches SET failed_prospects = 2");

        await using var connection = await Transitions.OpenAsync(_database);
        var requeued = await StatusTransitions.RequeueFailedProspectsAsync(connection, scenario.Batch.Id, generationOnly: true, TestContext.Current.CancellationToken);

        Assert.Equal(1, requeued);
        var rows = (await _database.RowsAsync("SELECT status::text, error_message FROM prospects ORDER BY ordinal")).Select(r => ((string)r[0]!, (string?)r[1])).ToList();
        Assert.Equal([("ENRICHED", null), ("FAILED", "Enrich Layer: no public profile at that URL (404)")], rows);
        Assert.Equal(1, await _database.ScalarAsync<int>("SELECT failed_prospects FROM batches"));
    }

    [Fact]
    public async Task MoveBatchAsync_FromUploaded_StartsOnceAndSetsStartedAt()
    {
        var scenario = await ScenarioAsync();

        var first = await Transitions.StartBatchAsync(_database, scenario.Batch.Id, TestClock.At(5));
        var second = await Transitions.StartBatchAsync(_database, scenario.Batch.Id, TestClock.At(6));

        Assert.Equal((true, false), (first, second));
        var row = Assert.Single(await _database.RowsAsync("SELECT status::text, started_at, updated_at FROM batches"));
        Assert.Equal(("ENRICHING", TestClock.At(5).UtcDateTime, TestClock.At(5).UtcDateTime), ((string)row[0]!, (DateTime)row[1]!, (DateTime)row[2]!));
    }

    [Fact]
    public async Task BatchFinish_WhenAStartedBatchIsEmpty_IsFailedWithAReason()
    {
        var scenario = await ScenarioAsync(prospects: 0);
        await Transitions.StartBatchAsync(_database, scenario.Batch.Id, TestClock.At(1));
        await using var db = _database.CreateContext();
        var batch = await db.Batches.SingleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BatchStatus.Failed, batch.Finish(TestClock.At(2)));

        Assert.Equal(("The batch has no prospects.", TestClock.At(2)), (batch.ErrorMessage, batch.CompletedAt));
    }

    [Fact]
    public async Task BatchReopen_WhenGenerationRetryOfAFailedBatch_MovesToGeneratingAndClearsCompletion()
    {
        var scenario = await ScenarioAsync();
        await Transitions.StartBatchAsync(_database, scenario.Batch.Id, TestClock.At(1));
        await using var db = _database.CreateContext();
        var batch = await db.Batches.SingleAsync(TestContext.Current.CancellationToken);
        batch.Fail("storage unavailable", TestClock.At(2));

        batch.Reopen(JobType.Generation, TestClock.At(3));

        Assert.Equal((BatchStatus.Generating, null, null), (batch.Status, batch.CompletedAt, batch.ErrorMessage));
    }

    [Fact]
    public void Allowed_WhenAMoveIsOutsideTheRules_ThrowsNamingBothStatusesBeforeAnySqlRuns()
    {
        var ex = Assert.Throws<InvalidStatusTransitionException>(() => StatusTransitions.Allowed(Rules.Prospect, [ProspectStatus.Pending], ProspectStatus.Completed));

        Assert.Equal(("PENDING", "COMPLETED"), (ex.From, ex.To));
        Assert.Contains("PENDING", ex.Message, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", ex.Message, StringComparison.Ordinal);
    }

    private Task<Scenario> ScenarioAsync(int prospects = 1) => Scenario.CreateAsync(_database, prospects);

    private async Task<(Scenario Scenario, ProcessingJob Job)> ScenarioWithRunningJobAsync(int prospects = 1)
    {
        var scenario = await ScenarioAsync(prospects);
        return (scenario, await Transitions.RunningJobAsync(_database, scenario));
    }
}
