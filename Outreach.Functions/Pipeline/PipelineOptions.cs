using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Pipeline;

/// <summary>Chunking and retry settings (<c>Pipeline__*</c>). They reach orchestrators through the StartBatch activity, never through DI.</summary>
public sealed class PipelineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>
    /// A batch is cut into at most this many chunks: past it the chunks grow instead (a million prospects in chunks of
    /// 1,000), because the batch orchestration replays two events per chunk at every chunk it finishes.
    /// </summary>
    public const int MaxChunksPerBatch = 1_000;

    /// <summary>
    /// Prospects in one chunk sub-orchestration (default 100): every prospect that finishes replays its chunk's
    /// history, so a chunk's cost grows with the square of its size — measured in eng/bench.sh pipeline --chunk-sizes.
    /// </summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 100;

    /// <summary>The chunk size for a batch of <paramref name="prospects"/>: <see cref="ChunkSize"/>, or larger so that there are at most <see cref="MaxChunksPerBatch"/> chunks.</summary>
    public int ChunkSizeFor(int prospects) => Math.Max(ChunkSize, (prospects + MaxChunksPerBatch - 1) / MaxChunksPerBatch);

    /// <summary>Chunk sub-orchestrations running at once per batch.</summary>
    [Range(1, 100)]
    public int MaxChunksInFlight { get; set; } = 4;

    /// <summary>
    /// Prospects a chunk has scheduled at once (default 16, one instance's activity slots): the rest of the chunk waits in
    /// its orchestration, not in the task hub's work-item queue. Every message waiting there costs the storage backend:
    /// Azurite rescans and re-indexes all stored messages on every queue request, and at 10,000 prospects 64 queued instead
    /// of 400 took 29 % off its CPU (eng/bench.sh pipeline, ADR 0017); and a batch's waiting activities queue ahead of
    /// every other batch's. A batch has at most <see cref="MaxChunksInFlight"/> × this queued or running; in Azure, where instances are
    /// added by the work-item queue's length, it is sized so that one batch can fill every instance (infra).
    /// </summary>
    [Range(1, 5_000)]
    public int MaxProspectsInFlightPerChunk { get; set; } = 16;

    /// <summary>Attempts of a prospect step that fails transiently (rate limits, 5xx) before the prospect fails.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Seconds before the first retry of a transient failure; doubled for each further one.</summary>
    [Range(0, 3_600)]
    public int FirstRetryDelaySeconds { get; set; } = 5;

    /// <summary>
    /// Delete a chunk's orchestration history once the chunk has finished (default true). Its outcome is in the database
    /// and in the batch orchestration's history; kept, the histories of a large batch's finished chunks make every later
    /// history read of the task hub slower (measured with eng/bench.sh pipeline). False keeps them, for debugging.
    /// </summary>
    public bool PurgeChunkHistories { get; set; } = true;
}
