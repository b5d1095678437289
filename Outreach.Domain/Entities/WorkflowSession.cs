using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>The user-facing progress of one upload through the workflow's steps; advanced as the pipeline moves.</summary>
public sealed class WorkflowSession : Entity
{
    private WorkflowSession()
    {
    }

    /// <summary>Creates an ACTIVE session at UPLOAD_CSV.</summary>
    public WorkflowSession(Guid campaignId, Guid? batchId, string userSessionId, IReadOnlyDictionary<string, string>? configurationData, DateTimeOffset now)
        : base(now)
    {
        CampaignId = campaignId;
        BatchId = batchId;
        UserSessionId = Guard.Required(userSessionId, nameof(userSessionId), 200);
        ConfigurationData = configurationData is null ? [] : new Dictionary<string, string>(configurationData);
        CurrentStep = WorkflowStep.UploadCsv;
        Status = WorkflowStatus.Active;
    }

    public string UserSessionId { get; private set; } = null!;

    public Guid CampaignId { get; private set; }

    public Guid? BatchId { get; private set; }

    public WorkflowStep CurrentStep { get; private set; }

    public WorkflowStatus Status { get; private set; }

    public Dictionary<string, string> ConfigurationData { get; private set; } = [];

    public List<CompletedStep> StepsCompleted { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Moves forward to <paramref name="step"/> (steps may be skipped, never revisited), recording the step left.</summary>
    public void AdvanceTo(WorkflowStep step, DateTimeOffset now)
    {
        if (step <= CurrentStep || Status != WorkflowStatus.Active)
        {
            throw new InvalidStatusTransitionException($"Workflow session ({StatusLabel.Of(Status)})", CurrentStep, step);
        }

        StepsCompleted = [.. StepsCompleted, new CompletedStep(CurrentStep, Touch(now))];
        CurrentStep = step;
    }

    /// <summary>ACTIVE → PAUSED.</summary>
    public void Pause(DateTimeOffset now) => PausedAt = MoveTo(WorkflowStatus.Paused, now);

    /// <summary>PAUSED → ACTIVE.</summary>
    public void Resume(DateTimeOffset now)
    {
        MoveTo(WorkflowStatus.Active, now);
        PausedAt = null;
    }

    /// <summary>→ COMPLETED at step COMPLETED.</summary>
    public void Complete(DateTimeOffset now)
    {
        if (CurrentStep != WorkflowStep.Completed)
        {
            AdvanceTo(WorkflowStep.Completed, now);
        }

        CompletedAt = MoveTo(WorkflowStatus.Completed, now);
    }

    /// <summary>→ ABANDONED (cancelled by a user).</summary>
    public void Abandon(DateTimeOffset now) => CompletedAt = MoveTo(WorkflowStatus.Abandoned, now);

    /// <summary>→ ERROR with the reason.</summary>
    public void MarkError(string reason, DateTimeOffset now)
    {
        var message = Guard.Reason(reason);
        CompletedAt = MoveTo(WorkflowStatus.Error, now);
        ErrorMessage = message;
    }

    /// <summary>A retry re-activates a COMPLETED or ERROR session at <paramref name="step"/>.</summary>
    public void Reopen(WorkflowStep step, DateTimeOffset now)
    {
        MoveTo(WorkflowStatus.Active, now);
        CurrentStep = step;
        ErrorMessage = null;
        CompletedAt = null;
    }

    private DateTimeOffset MoveTo(WorkflowStatus next, DateTimeOffset now)
    {
        Rules.Workflow.EnsureCanMove(Status, next);
        Status = next;
        return Touch(now);
    }
}
