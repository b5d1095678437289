using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>What the batch orchestration needs to plan its chunks.</summary>
/// <param name="JobId">The processing job of this run.</param>
/// <param name="JobType">What to run per prospect.</param>
/// <param name="OrdinalCount">Prospects in the batch (ordinals run 0 … OrdinalCount-1).</param>
/// <param name="ChunkSize">Prospects per chunk sub-orchestration.</param>
/// <param name="MaxChunksInFlight">Chunk sub-orchestrations running at once.</param>
/// <param name="Windows">For a retry, the chunk windows (ordinal / ChunkSize) that hold prospects to redo; null for a first run (all windows).</param>
/// <param name="MaxAttempts">Attempts of a prospect step that fails transiently.</param>
/// <param name="FirstRetryDelaySeconds">Delay before the first retry; doubles after each.</param>
/// <param name="PurgeChunkHistories">Whether a finished chunk's orchestration history is deleted (<see cref="PipelineOptions.PurgeChunkHistories"/>).</param>
/// <param name="MaxProspectsInFlightPerChunk">
/// Prospects a chunk has scheduled at once (<see cref="PipelineOptions.MaxProspectsInFlightPerChunk"/>); 0 in a plan
/// recorded before the setting existed: all of them, as then.
/// </param>
public sealed record BatchPlan(
    Guid JobId, JobType JobType, int OrdinalCount, int ChunkSize, int MaxChunksInFlight, IReadOnlyList<int>? Windows, int MaxAttempts, int FirstRetryDelaySeconds,
    bool PurgeChunkHistories = true, int MaxProspectsInFlightPerChunk = 0);
