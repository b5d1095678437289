using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

// This and the other orchestration inputs and outputs in this folder carry ids, counts and small records only —
// never prospect data (no emails or names in Durable history).

/// <summary>Input of the batch orchestration. A retry names its job and type; the first run names neither.</summary>
public sealed record ProcessBatchInput(Guid BatchId, Guid? JobId = null, JobType JobType = JobType.FullPipeline);
