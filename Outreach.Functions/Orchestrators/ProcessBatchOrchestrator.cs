using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Outreach.Functions.Activities;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions.Orchestrators;

/// <summary>
/// One run over a batch: start it, fan out chunk sub-orchestrations of at most ChunkSize prospects with
/// at most MaxChunksInFlight running, then fan in. Deterministic: settings arrive through StartBatch, and the
/// history holds chunk ranges and counts, never prospect data — a chunk's prospects live in its own history.
/// </summary>
public static class ProcessBatchOrchestrator
{
    /// <summary>Runs the batch.</summary>
    [Function(nameof(ProcessBatchOrchestrator))]
    public static async Task<FinalizeBatchResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ProcessBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var plan = await context.CallActivityAsync<BatchPlan>(nameof(StartBatch), new StartBatchInput(input.BatchId, context.InstanceId, input.JobId, input.JobType, Restarted: input.Restart > 0), PipelineRetry.Outages);
        var chunks = Chunks(plan).ToList();
        var step = plan.JobType == Domain.Enums.JobType.Generation ? "GENERATING" : "ENRICHING";
        var completed = 0;
        var failed = 0;
        context.SetCustomStatus(new PipelineStatus(step, 0, 0, plan.OrdinalCount));

        await FanOut.RunAsync(
            chunks,
            plan.MaxChunksInFlight,
            range => RunChunkAsync(
                context,
                new ChunkInput(input.BatchId, plan.JobId, plan.JobType, range.From, range.To, plan.MaxAttempts, plan.FirstRetryDelaySeconds, plan.MaxProspectsInFlightPerChunk),
                input.ChunkInstanceId(context.InstanceId, range.From),
                plan.PurgeChunkHistories),
            result =>
            {
                (completed, failed) = (completed + result.Completed, failed + result.Failed);
                context.SetCustomStatus(new PipelineStatus(step, completed, failed, plan.OrdinalCount));
            });

        context.SetCustomStatus(new PipelineStatus("FINALIZING", completed, failed, plan.OrdinalCount));
        var final = await context.CallActivityAsync<FinalizeBatchResult>(nameof(FinalizeBatch), new FinalizeBatchInput(input.BatchId, plan.JobId), PipelineRetry.Outages);
        context.SetCustomStatus(new PipelineStatus(final.Status.ToString().ToUpperInvariant(), final.Generated, final.Failed, final.Total));

        // Recorded and started as their own orchestration: a receiver that is down never holds the batch open.
        await context.CallActivityAsync<int>(nameof(RecordWebhookEvent), new WebhookEvent(WebhookEvent.BatchFinished, input.BatchId, plan.JobId), PipelineRetry.Outages);
        return final;
    }

    /// <summary>
    /// Runs one chunk and then, unless the plan keeps them, deletes its history: the chunk's outcome is in the database and
    /// in the result this history records, and finished chunks' histories only make the task hub's later reads slower. A
    /// purge that fails costs storage, never the batch.
    /// </summary>
    private static async Task<ChunkResult> RunChunkAsync(TaskOrchestrationContext context, ChunkInput chunk, string instanceId, bool purge)
    {
        // A chunk is not retried as a whole: its prospects retry inside it, and a prospect that fails is recorded.
        var result = await context.CallSubOrchestratorAsync<ChunkResult>(nameof(ProcessProspectChunkOrchestrator), chunk, new SubOrchestrationOptions { InstanceId = instanceId });
        if (purge)
        {
            try
            {
                await context.CallActivityAsync<int>(nameof(PurgeChunkHistory), instanceId, PipelineRetry.Outages);
            }
            catch (TaskFailedException)
            {
                // Housekeeping: the history stays, and so does the batch's result.
            }
        }

        return result;
    }

    /// <summary>The chunk ranges [from, to] of ordinals: every window of a first run, or the windows a retry names.</summary>
    public static IEnumerable<(int From, int To)> Chunks(BatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var windows = plan.Windows ?? Enumerable.Range(0, (plan.OrdinalCount + plan.ChunkSize - 1) / plan.ChunkSize).ToList();
        foreach (var window in windows)
        {
            var from = window * plan.ChunkSize;
            yield return (from, Math.Min(from + plan.ChunkSize, plan.OrdinalCount) - 1);
        }
    }
}
