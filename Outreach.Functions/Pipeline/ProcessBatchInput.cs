using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

// This and the other orchestration inputs and outputs in this folder carry ids, counts and small records only —
// never prospect data (no emails or names in Durable history).

/// <summary>
/// Input of the batch orchestration. A retry names its job and type; the first run names neither. <paramref name="Restart"/>
/// counts the times a resume started the run again after its orchestration ended early (see BatchControl.ResumeAsync):
/// the chunks of each start get instance ids of their own, so a chunk of the ended run still finishing never collides
/// with its successor.
/// </summary>
public sealed record ProcessBatchInput(Guid BatchId, Guid? JobId = null, JobType JobType = JobType.FullPipeline, int Restart = 0)
{
    /// <summary>The instance id of the chunk starting at ordinal <paramref name="from"/> of run <paramref name="instanceId"/>.</summary>
    public string ChunkInstanceId(string instanceId, int from) => ChunkInstanceId(instanceId, Restart, from);

    /// <summary>The instance id of the chunk starting at ordinal <paramref name="from"/> of start <paramref name="restart"/> of run <paramref name="instanceId"/>.</summary>
    public static string ChunkInstanceId(string instanceId, int restart, int from) =>
        restart == 0 ? $"{instanceId}-chunk-{from}" : $"{instanceId}-restart-{restart}-chunk-{from}";
}
