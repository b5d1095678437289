using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>A push's outcome: its job's status and what the sequencer answered for the batch's emails.</summary>
public sealed record PushSummary(JobStatus Status, int Pushed, int Skipped, int Failed, string? Error);
