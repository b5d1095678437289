using System.Text.Json.Serialization;
using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

// Orchestration inputs and outputs: ids, counts and small records only — never prospect data
// (no emails or names in Durable history).

/// <summary>Input of the batch orchestration. A retry names its job and type; the first run names neither.</summary>
public sealed record ProcessBatchInput(Guid BatchId, Guid? JobId = null, JobType JobType = JobType.FullPipeline);

/// <summary>What the batch orchestration needs to plan its chunks.</summary>
/// <param name="JobId">The processing job of this run.</param>
/// <param name="JobType">What to run per prospect.</param>
/// <param name="OrdinalCount">Prospects in the batch (ordinals run 0 … OrdinalCount-1).</param>
/// <param name="ChunkSize">Prospects per chunk sub-orchestration.</param>
/// <param name="MaxChunksInFlight">Chunk sub-orchestrations running at once.</param>
/// <param name="Windows">For a retry, the chunk windows (ordinal / ChunkSize) that hold prospects to redo; null for a first run (all windows).</param>
/// <param name="MaxAttempts">Attempts of a prospect step that fails transiently.</param>
/// <param name="FirstRetryDelaySeconds">Delay before the first retry; doubles after each.</param>
public sealed record BatchPlan(
    Guid JobId, JobType JobType, int OrdinalCount, int ChunkSize, int MaxChunksInFlight, IReadOnlyList<int>? Windows, int MaxAttempts, int FirstRetryDelaySeconds);

/// <summary>One chunk: prospects with ordinals in [FromOrdinal, ToOrdinal].</summary>
public sealed record ChunkInput(Guid BatchId, Guid JobId, JobType JobType, int FromOrdinal, int ToOrdinal, int MaxAttempts, int FirstRetryDelaySeconds);

/// <summary>What a chunk did.</summary>
public sealed record ChunkResult(int Completed, int Failed);

/// <summary>Work on one prospect within a job.</summary>
public sealed record ProspectWork(Guid ProspectId, Guid JobId);

/// <summary>A prospect failed permanently with <paramref name="Reason"/>.</summary>
public sealed record FailProspectInput(Guid ProspectId, Guid JobId, string Reason);

/// <summary>Fan-in of one run.</summary>
public sealed record FinalizeBatchInput(Guid BatchId, Guid JobId);

/// <summary>The batch's final state and where its results are.</summary>
public sealed record FinalizeBatchResult(BatchStatus Status, int Total, int Generated, int Failed, string EmailsCsv, string RejectedCsv);

/// <summary>The orchestration's custom status, shown while it runs. Names are fixed so every host's converter writes the same JSON.</summary>
public sealed record PipelineStatus(
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("total")] int Total);
