using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>The columns of a batch's latest pipeline job that a status read shows.</summary>
public sealed record LatestJobRow(Guid Id, JobType JobType, JobStatus Status, int ProgressCurrent, int ProgressTotal, string? InstanceId);
