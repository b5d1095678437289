using Outreach.Domain.Enums;

namespace Outreach.Functions.Application;

/// <summary>The job columns a status read needs.</summary>
internal sealed record StatusJob(Guid Id, JobType JobType, JobStatus Status, int ProgressCurrent, int ProgressTotal, string? InstanceId);
