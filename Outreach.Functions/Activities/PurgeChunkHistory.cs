using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Outreach.Functions.Activities;

/// <summary>
/// Deletes a finished chunk sub-orchestration's history and instance record from the task hub. The Azure Storage backend
/// keeps every instance's history in one table, and Azurite reads that table by scanning it, so the histories of a large
/// batch's finished chunks slow every later history read; purged, the table holds only the chunks in flight. Purging an
/// instance that is already gone purges nothing, so a repeated delivery is harmless.
/// </summary>
public sealed class PurgeChunkHistory
{
    /// <summary>Purges <paramref name="instanceId"/>; returns how many instances were purged (0 or 1).</summary>
    [Function(nameof(PurgeChunkHistory))]
    public async Task<int> RunAsync([ActivityTrigger] string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentNullException.ThrowIfNull(durable);
        var result = await durable.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return result.PurgedInstanceCount;
    }
}
