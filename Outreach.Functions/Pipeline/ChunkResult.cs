namespace Outreach.Functions.Pipeline;

/// <summary>What a chunk did.</summary>
public sealed record ChunkResult(int Completed, int Failed);
