using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Outreach.Functions.Activities;

namespace Outreach.Functions.Orchestrators;

/// <summary>Input of <see cref="ProcessBatchOrchestrator"/>: ids only.</summary>
public sealed record ProcessBatchInput(Guid BatchId);

/// <summary>
/// One orchestration per batch (instance id <c>batch-{id}</c>). For now it marks the batch started; the
/// per-prospect fan-out and the fan-in arrive with the pipeline.
/// </summary>
public static class ProcessBatchOrchestrator
{
    /// <summary>Runs the batch.</summary>
    [Function(nameof(ProcessBatchOrchestrator))]
    public static async Task<StartBatchResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ProcessBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return await context.CallActivityAsync<StartBatchResult>(nameof(StartBatch), new StartBatchInput(input.BatchId, context.InstanceId));
    }
}
