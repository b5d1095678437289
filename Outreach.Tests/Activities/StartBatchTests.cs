using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Activities;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Activities;

public sealed class StartBatchTests(PostgresServer server)
{
    [Fact]
    public async Task Run_WhenExecutedTwice_StartsTheBatchOnceWithOneJob()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database);
        var scenario = await Scenario.CreateAsync(database, prospects: 4);
        await using (var db = database.CreateContext())
        {
            db.Add(new Outreach.Domain.Entities.WorkflowSession(scenario.Campaign.Id, scenario.Batch.Id, "test", null, TestClock.T0));
            await db.SaveChangesAsync(ct);
        }

        var activity = ActivatorUtilities.CreateInstance<StartBatch>(services);
        var input = new StartBatchInput(scenario.Batch.Id, scenario.Batch.InstanceId);

        var first = await activity.RunAsync(input, ct);
        var second = await activity.RunAsync(input, ct);

        Assert.Equal((4, 100, 4, 16, null), (first.OrdinalCount, first.ChunkSize, first.MaxChunksInFlight, first.MaxProspectsInFlightPerChunk, first.Windows));
        Assert.Equal(first, second);
        Assert.Equal("ENRICHING", await database.ScalarAsync<string>("SELECT status::text FROM batches"));
        var job = Assert.Single(await database.RowsAsync("SELECT job_type::text, status::text, progress_total, instance_id FROM processing_jobs"));
        Assert.Equal(("FULL_PIPELINE", "RUNNING", 4, scenario.Batch.InstanceId), ((string)job[0]!, (string)job[1]!, (int)job[2]!, (string)job[3]!));
        Assert.Equal("BEGIN_ENRICHMENT", await database.ScalarAsync<string>("SELECT current_step::text FROM workflow_sessions"));
    }

    [Fact]
    public async Task Run_WhenTheRunIsStartedAgain_PlansOnlyTheChunksWithProspectsLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database);
        var scenario = await Scenario.CreateAsync(database, prospects: 250);
        var activity = ActivatorUtilities.CreateInstance<StartBatch>(services);
        var first = await activity.RunAsync(new StartBatchInput(scenario.Batch.Id, scenario.Batch.InstanceId), ct);
        // The ended run finished the first two chunks and the first prospect of the third.
        await database.ExecuteAsync("UPDATE prospects SET status = 'COMPLETED' WHERE ordinal <= 200");

        var restarted = await activity.RunAsync(new StartBatchInput(scenario.Batch.Id, scenario.Batch.InstanceId, Restarted: true), ct);

        Assert.Null(first.Windows);
        Assert.Equal((first.JobId, 100, 250), (restarted.JobId, restarted.ChunkSize, restarted.OrdinalCount));
        Assert.Equal([2], restarted.Windows!);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM processing_jobs"));
    }
}
