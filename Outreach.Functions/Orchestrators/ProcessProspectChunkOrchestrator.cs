using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Outreach.Functions.Activities;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Orchestrators;

/// <summary>
/// The prospects of one ordinal range, each through its job's steps in one <see cref="ProcessProspect"/> activity.
/// Transient failures and infrastructure outages are retried (<see cref="PipelineRetry"/>); any other failure,
/// or one that outlasts its retries, fails that prospect with its message and the others go on.
/// </summary>
public static class ProcessProspectChunkOrchestrator
{
    /// <summary>Runs the chunk.</summary>
    [Function(nameof(ProcessProspectChunkOrchestrator))]
    public static async Task<ChunkResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var prospects = await context.CallActivityAsync<List<Guid>>(nameof(ListChunkProspects), input, PipelineRetry.Outages);
        var retry = PipelineRetry.Transient(input.MaxAttempts, input.FirstRetryDelaySeconds);
        int succeeded = 0, failed = 0;

        // A window of prospects in flight, not the whole chunk: the rest wait here, in the orchestration, rather than as
        // messages in the task hub's work-item queue, where every waiting message costs the storage backend on every
        // queue request (Azurite rescans and re-indexes them all) and queues ahead of other batches' work (ADR 0017).
        await FanOut.RunAsync(
            prospects,
            input.MaxProspectsInFlight,
            id => RunProspectAsync(context, input, new ProspectWork(id, input.JobId), retry),
            ok =>
            {
                if (ok)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            });
        return new ChunkResult(succeeded, failed);
    }

    private static async Task<bool> RunProspectAsync(TaskOrchestrationContext context, ChunkInput chunk, ProspectWork work, TaskOptions retry)
    {
        try
        {
            await context.CallActivityAsync(nameof(ProcessProspect), work with { JobType = chunk.JobType }, retry);
            return true;
        }
        catch (TaskFailedException ex)
        {
            await context.CallActivityAsync(nameof(FailProspect), new FailProspectInput(work.ProspectId, work.JobId, Describe(ex)), retry);
            return false;
        }
    }

    /// <summary>The reason an activity failed with, as its own exception put it (what a prospect's or a job's error_message shows).</summary>
    internal static string Describe(TaskFailedException ex)
    {
        // The first failure that is not a task wrapper is the one the activity threw: its message is the provider's own,
        // composed and scrubbed ("Website reader: …"). What lies under it (the HttpRequestException it wrapped) is detail
        // for the logs; showing that instead would give one cause two reasons, depending on whether a cache answered.
        var details = ex.FailureDetails;
        while (details.InnerFailure is not null && details.IsCausedBy<TaskFailedException>())
        {
            details = details.InnerFailure;
        }

        // ProcessProspect's failures already name their step (EnrichProspect: …), as the step activities did.
        return ex.TaskName == nameof(ProcessProspect) ? details.ErrorMessage : $"{ex.TaskName}: {details.ErrorMessage}";
    }
}
