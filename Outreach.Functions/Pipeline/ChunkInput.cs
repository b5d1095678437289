using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>One chunk: prospects with ordinals in [FromOrdinal, ToOrdinal].</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="JobId">The processing job of this run.</param>
/// <param name="JobType">What to run per prospect.</param>
/// <param name="FromOrdinal">First ordinal of the range.</param>
/// <param name="ToOrdinal">Last ordinal of the range.</param>
/// <param name="MaxAttempts">Attempts of a prospect step that fails transiently.</param>
/// <param name="FirstRetryDelaySeconds">Delay before the first retry; doubles after each.</param>
/// <param name="MaxProspectsInFlight">
/// Prospects the chunk has scheduled at once (<see cref="PipelineOptions.MaxProspectsInFlightPerChunk"/>). 0 — what a
/// chunk started before the setting existed reads from its history — schedules them all at once, as such a chunk did,
/// so its replay schedules the same.
/// </param>
public sealed record ChunkInput(
    Guid BatchId, Guid JobId, JobType JobType, int FromOrdinal, int ToOrdinal, int MaxAttempts, int FirstRetryDelaySeconds, int MaxProspectsInFlight = 0);
