using Microsoft.DurableTask.Client;
using Npgsql;
using Outreach.Domain.Entities;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

/// <summary>
/// The app's own infrastructure going away mid-run — PostgreSQL restarting or failing over — is waited out: no
/// prospect fails because of it and the counters stay exact. The app reaches the real database through a relay that
/// the test takes down, so the other tests sharing the server are not disturbed.
/// </summary>
public sealed class OutageTests(PostgresServer server)
{
    /// <summary>As long as the outage in issue 12's fault-injection run; managed PostgreSQL's maintenance restarts are of this order.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_WhenTheDatabaseIsAwayTwentySecondsMidRun_NoProspectFailsAndCountersAreExact()
    {
        var direct = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        await using var relay = TcpFaultProxy.Start(direct.Host!, direct.Port);
        await using var f = await PipelineFixture.StartAsync(server, new Dictionary<string, string?> { ["LocalEngine:MaxConcurrentActivities"] = "4" }, databaseRelay: relay);
        f.Providers.EnrichDelay = TimeSpan.FromMilliseconds(100);
        const int Prospects = 40;
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, Prospects).Select(i => $"o{i}@example.com").ToArray());
        await PipelineFixture.WaitUntilAsync("five emails generated", async () => await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches") >= 5);

        relay.TakeDown();
        var before = await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches");

        // The outage's length is the fault being injected, not a wait for something to happen.
        await Task.Delay(Outage, TestContext.Current.CancellationToken);
        relay.Restore();
        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.True(before < Prospects, "The batch finished before the database went away.");
        Assert.True(relay.Refused > 0, "The app did not try the database during the outage.");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var counters = Assert.Single(await f.Database.RowsAsync("SELECT status::text, enriched_prospects, generated_emails, failed_prospects FROM batches"));
        Assert.Equal(("COMPLETED", Prospects, Prospects, 0), ((string)counters[0]!, (int)counters[1]!, (int)counters[2]!, (int)counters[3]!));
        Assert.Equal(0L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE status <> 'COMPLETED' OR error_message IS NOT NULL"));
        Assert.Equal((long)Prospects, await f.Database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
    }
}
