using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>A processing job's columns.</summary>
public sealed record JobRow(
    Guid Id, Guid BatchId, Guid CampaignId, JobType JobType, JobStatus Status, int ProgressCurrent, int ProgressTotal,
    string? InstanceId, string? ErrorMessage, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);
