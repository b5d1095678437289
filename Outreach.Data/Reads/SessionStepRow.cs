using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>Where a batch's workflow session stands (not its jsonb context).</summary>
public sealed record SessionStepRow(WorkflowStep CurrentStep, WorkflowStatus Status);
