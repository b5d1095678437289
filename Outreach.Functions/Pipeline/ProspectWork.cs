using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>Work on one prospect within a job, and which of its steps the job runs.</summary>
public sealed record ProspectWork(Guid ProspectId, Guid JobId, JobType JobType = JobType.FullPipeline);
