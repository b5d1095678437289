using Outreach.Domain.Enums;

namespace Outreach.Domain.Entities;

/// <summary>A workflow step and when it was left.</summary>
public sealed record CompletedStep(WorkflowStep Step, DateTimeOffset CompletedAt);
