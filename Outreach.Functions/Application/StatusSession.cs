using Outreach.Domain.Enums;

namespace Outreach.Functions.Application;

/// <summary>The workflow columns a status read needs (not its jsonb context).</summary>
internal sealed record StatusSession(WorkflowStep CurrentStep, WorkflowStatus Status);
