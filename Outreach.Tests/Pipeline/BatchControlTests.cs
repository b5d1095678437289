using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Application;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

/// <summary>Pause, resume, cancel and retry on the local engine with PostgreSQL and Azurite.</summary>
public sealed class BatchControlTests(PostgresServer server)
{
    private static readonly Dictionary<string, string?> Slow = new() { ["LocalEngine:MaxConcurrentActivities"] = "2" };

    [Fact]
    public async Task Cancel_WhileTheBatchRuns_StopsNewWorkAndEndsTheBatch()
    {
        await using var f = await PipelineFixture.StartAsync(server, Slow);
        f.Providers.EnrichDelay = TimeSpan.FromMilliseconds(150);
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, 30).Select(i => $"p{i}@example.com").ToArray());
        await PipelineFixture.WaitUntilAsync("two emails generated", async () => await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches") >= 2);

        var result = await Control(f).CancelAsync(batchId, f.Client, TestContext.Current.CancellationToken);

        Assert.Equal(ControlOutcome.Accepted, result.Outcome);
        var atCancel = await CountersAsync(f);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(atCancel, await CountersAsync(f));
        Assert.True(atCancel.Generated < 30, "The batch finished before it could be cancelled.");
        var batch = Assert.Single(await f.Database.RowsAsync("SELECT status::text, error_message FROM batches"));
        Assert.Equal("PARTIAL", batch[0]);
        Assert.Equal($"Cancelled by a user after {atCancel.Generated + atCancel.Failed} of 30 prospects.", batch[1]);
        Assert.Equal("CANCELLED", await f.Database.ScalarAsync<string>("SELECT status::text FROM processing_jobs"));
        Assert.Equal("ABANDONED", await f.Database.ScalarAsync<string>("SELECT status::text FROM workflow_sessions"));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await f.Client.GetInstanceAsync(Batch.InstanceIdFor(batchId), TestContext.Current.CancellationToken))!.RuntimeStatus);

        var again = await Control(f).CancelAsync(batchId, f.Client, TestContext.Current.CancellationToken);
        Assert.Equal(ControlOutcome.Conflict, again.Outcome);
    }

    [Fact]
    public async Task RetryGeneration_OfAPartialBatch_CompletesTheFailedProspectsWithExactCounters()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        f.Providers.Broken = true;
        var batchId = await f.StartBatchAsync("ok1@example.com", "fix-me1@example.com", "ok2@example.com", "fix-me2@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        Assert.Equal("PARTIAL", await f.Database.ScalarAsync<string>("SELECT status::text FROM batches"));
        f.Providers.Broken = false;

        var retry = await Control(f).RetryAsync(batchId, JobType.Generation, f.Client, TestContext.Current.CancellationToken);

        Assert.Equal((ControlOutcome.Accepted, $"batch-{batchId:D}-retry-1"), (retry.Outcome, retry.InstanceId));
        var run = await f.WaitAsync(retry.InstanceId!);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(new Counters(4, 4, 0, "COMPLETED"), await CountersAsync(f));
        var jobs = (await f.Database.RowsAsync("SELECT job_type::text, status::text, progress_current, progress_total FROM processing_jobs ORDER BY created_at"))
            .Select(r => ((string)r[0]!, (string)r[1]!, (int)r[2]!, (int)r[3]!));
        Assert.Equal([("FULL_PIPELINE", "COMPLETED", 4, 4), ("GENERATION", "COMPLETED", 2, 2)], jobs);
        Assert.Equal(0L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM prospects WHERE error_message IS NOT NULL"));
        Assert.Equal(4L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM generated_emails WHERE generation_status = 'COMPLETED'"));
        Assert.All(f.Providers.EnrichCalls.Values, calls => Assert.Equal(1, calls));
        Assert.Equal(("COMPLETED", "COMPLETED"), await SessionAsync(f));
    }

    [Fact]
    public async Task RetryFullPipeline_OfAPartialBatch_ReEnrichesAndCountsEachProspectOnce()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        f.Providers.Broken = true;
        var batchId = await f.StartBatchAsync("ok@example.com", "fix-enrich@example.com", "fix-me@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        Assert.Equal(new Counters(2, 1, 2, "PARTIAL"), await CountersAsync(f));
        f.Providers.Broken = false;

        var retry = await Control(f).RetryAsync(batchId, JobType.FullPipeline, f.Client, TestContext.Current.CancellationToken);
        await f.WaitAsync(retry.InstanceId!);

        Assert.Equal(new Counters(3, 3, 0, "COMPLETED"), await CountersAsync(f));
    }

    [Fact]
    public async Task Retry_WhenTheBatchIsNotPartialOrFailed_IsAConflict()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("a@example.com");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));

        var retry = await Control(f).RetryAsync(batchId, JobType.FullPipeline, f.Client, TestContext.Current.CancellationToken);
        var missing = await Control(f).RetryAsync(Guid.NewGuid(), JobType.FullPipeline, f.Client, TestContext.Current.CancellationToken);

        Assert.Equal(ControlOutcome.Conflict, retry.Outcome);
        Assert.Contains("is COMPLETED", retry.Reason, StringComparison.Ordinal);
        Assert.Equal(ControlOutcome.NotFound, missing.Outcome);
    }

    [Fact]
    public async Task PauseThenResume_SuspendsTheOrchestrationAndThenFinishesTheBatch()
    {
        await using var f = await PipelineFixture.StartAsync(server, Slow);
        // Enrichment is held until after the pause, so the batch cannot finish before the suspend lands.
        f.Providers.EnrichGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, 12).Select(i => $"q{i}@example.com").ToArray());
        await PipelineFixture.WaitUntilAsync("the first enrichment call", () => Task.FromResult(!f.Providers.EnrichCalls.IsEmpty));
        await PipelineFixture.WaitUntilAsync("the orchestration to be Running", async () => (await f.Client.GetInstanceAsync(Batch.InstanceIdFor(batchId), TestContext.Current.CancellationToken))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var pause = await Control(f).PauseAsync(batchId, f.Client, TestContext.Current.CancellationToken);
        await PipelineFixture.WaitUntilAsync("the orchestration to be Suspended", async () => (await f.Client.GetInstanceAsync(Batch.InstanceIdFor(batchId), TestContext.Current.CancellationToken))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        Assert.Equal(ControlOutcome.Accepted, pause.Outcome);
        Assert.Equal("PAUSED", (await SessionAsync(f)).Status);
        Assert.Equal(ControlOutcome.Conflict, (await Control(f).PauseAsync(batchId, f.Client, TestContext.Current.CancellationToken)).Outcome);

        var resume = await Control(f).ResumeAsync(batchId, f.Client, TestContext.Current.CancellationToken);
        f.Providers.EnrichGate.SetResult();
        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(ControlOutcome.Accepted, resume.Outcome);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(new Counters(12, 12, 0, "COMPLETED"), await CountersAsync(f));
    }

    [Fact]
    public async Task Resume_WhenTheOrchestrationEndedWhileItsJobRuns_StartsItAgainAndFinishesWithExactCounters()
    {
        await using var f = await PipelineFixture.StartAsync(server, Slow);
        f.Providers.EnrichDelay = TimeSpan.FromMilliseconds(100);
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, 20).Select(i => $"r{i}@example.com").ToArray());
        var instance = Batch.InstanceIdFor(batchId);
        await PipelineFixture.WaitUntilAsync("two emails generated", async () => await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches") >= 2);

        // What a host killed mid-replay or a long outage leaves: the batch orchestration ended, its job still RUNNING,
        // its chunk still working (terminated alone, not recursively).
        await f.Client.TerminateInstanceAsync(instance, new TerminateInstanceOptions("host lost", Recursive: false), TestContext.Current.CancellationToken);
        await PipelineFixture.WaitUntilAsync("the orchestration to be Terminated", async () => (await f.Client.GetInstanceAsync(instance, TestContext.Current.CancellationToken))!.RuntimeStatus == OrchestrationRuntimeStatus.Terminated);
        Assert.Equal("RUNNING", await f.Database.ScalarAsync<string>("SELECT status::text FROM processing_jobs"));

        var resume = await Control(f).ResumeAsync(batchId, f.Client, TestContext.Current.CancellationToken);
        Assert.Equal((ControlOutcome.Accepted, instance), (resume.Outcome, resume.InstanceId));
        var run = await f.WaitAsync(instance);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(new Counters(20, 20, 0, "COMPLETED"), await CountersAsync(f));
        var job = Assert.Single(await f.Database.RowsAsync("SELECT status::text, progress_current FROM processing_jobs"));
        Assert.Equal(("COMPLETED", 20), ((string)job[0]!, (int)job[1]!));
        Assert.Equal(20L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM generated_emails WHERE generation_status = 'COMPLETED'"));
        Assert.Equal(ControlOutcome.Conflict, (await Control(f).ResumeAsync(batchId, f.Client, TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task Resume_OfACancelledBatch_IsAConflictNamingTheState()
    {
        await using var f = await PipelineFixture.StartAsync(server, Slow);
        f.Providers.EnrichDelay = TimeSpan.FromMilliseconds(100);
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, 10).Select(i => $"c{i}@example.com").ToArray());
        await PipelineFixture.WaitUntilAsync("an email generated", async () => await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches") >= 1);
        await Control(f).CancelAsync(batchId, f.Client, TestContext.Current.CancellationToken);

        var resume = await Control(f).ResumeAsync(batchId, f.Client, TestContext.Current.CancellationToken);

        Assert.Equal(ControlOutcome.Conflict, resume.Outcome);
        Assert.Contains("its job CANCELLED and its orchestration Terminated", resume.Reason, StringComparison.Ordinal);
    }

    private sealed record Counters(int Enriched, int Generated, int Failed, string Status);

    private static BatchControl Control(PipelineFixture f) => f.Engine.Services.GetRequiredService<BatchControl>();

    private static async Task<Counters> CountersAsync(PipelineFixture f)
    {
        var row = Assert.Single(await f.Database.RowsAsync("SELECT enriched_prospects, generated_emails, failed_prospects, status::text FROM batches"));
        return new Counters((int)row[0]!, (int)row[1]!, (int)row[2]!, (string)row[3]!);
    }

    private static async Task<(string Step, string Status)> SessionAsync(PipelineFixture f)
    {
        var row = Assert.Single(await f.Database.RowsAsync("SELECT current_step::text, status::text FROM workflow_sessions"));
        return ((string)row[0]!, (string)row[1]!);
    }
}
