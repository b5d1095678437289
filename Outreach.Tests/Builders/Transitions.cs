using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Builders;

/// <summary>Puts test rows into a status the way production does: through <see cref="StatusTransitions"/>.</summary>
internal static class Transitions
{
    /// <summary>A RUNNING job for <paramref name="scenario"/>'s batch (prospects move only while their job runs).</summary>
    public static async Task<ProcessingJob> RunningJobAsync(TestDatabase database, Scenario scenario, DateTimeOffset? at = null)
    {
        var now = at ?? TestClock.T0;
        await using var db = database.CreateContext();
        var job = new ProcessingJob(scenario.Campaign.Id, scenario.Batch.Id, JobType.FullPipeline, scenario.Prospects.Count, now);
        job.Start($"batch-{scenario.Batch.Id:D}", now);
        db.Add(job);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return job;
    }

    /// <summary>Moves the prospect through <paramref name="steps"/> without counting; fails the test if a step does not move it.</summary>
    public static async Task MoveProspectAsync(TestDatabase database, Guid prospectId, Guid jobId, DateTimeOffset at, params ProspectStatus[] steps)
    {
        foreach (var step in steps)
        {
            var error = step == ProspectStatus.Failed ? "Enrich Layer: no public profile at that URL (404)" : null;
            Assert.True(
                await StatusTransitions.MoveProspectAsync(database.DataSource, prospectId, jobId, step, ProspectCounter.None, error, at, TestContext.Current.CancellationToken),
                $"Prospect {prospectId} did not move to {step}.");
        }
    }

    /// <summary>UPLOADED → ENRICHING, as the StartBatch activity moves a batch.</summary>
    public static async Task<bool> StartBatchAsync(TestDatabase database, Guid batchId, DateTimeOffset at)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await StatusTransitions.MoveBatchAsync(connection, batchId, [BatchStatus.Uploaded], BatchStatus.Enriching, BatchTimestamp.Started, at, TestContext.Current.CancellationToken);
    }

    /// <summary>A plain connection of the test database's, for the transitions that take one.</summary>
    public static ValueTask<NpgsqlConnection> OpenAsync(TestDatabase database) => database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
}
