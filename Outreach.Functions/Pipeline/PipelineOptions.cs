using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Pipeline;

/// <summary>Chunking and retry settings (<c>Pipeline__*</c>). They reach orchestrators through the StartBatch activity, never through DI.</summary>
public sealed class PipelineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>Most prospects in one chunk sub-orchestration (its history grows with it).</summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 500;

    /// <summary>Chunk sub-orchestrations running at once per batch.</summary>
    [Range(1, 100)]
    public int MaxChunksInFlight { get; set; } = 4;

    /// <summary>Attempts of a prospect step that fails transiently (rate limits, 5xx) before the prospect fails.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Seconds before the first retry of a transient failure; doubled for each further one.</summary>
    [Range(0, 3_600)]
    public int FirstRetryDelaySeconds { get; set; } = 5;
}
