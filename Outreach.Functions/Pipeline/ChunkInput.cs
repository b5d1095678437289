using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>One chunk: prospects with ordinals in [FromOrdinal, ToOrdinal].</summary>
public sealed record ChunkInput(Guid BatchId, Guid JobId, JobType JobType, int FromOrdinal, int ToOrdinal, int MaxAttempts, int FirstRetryDelaySeconds);
