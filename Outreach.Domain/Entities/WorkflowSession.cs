using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>
/// The user-facing progress of one upload through the workflow's steps. Two kinds: one the importer opens for a file
/// that was dropped or posted (it starts at UPLOAD_CSV and the pipeline closes it), and a <see cref="Guided"/> one the
/// console's wizard opens for a person before there is a file, a campaign or a batch — the person advances it through
/// the settings, the pipeline through enrichment and generation, and the person closes it after the review.
/// </summary>
public sealed class WorkflowSession : Entity
{
    private WorkflowSession()
    {
    }

    /// <summary>Creates an ACTIVE session at UPLOAD_CSV.</summary>
    public WorkflowSession(Guid? campaignId, Guid? batchId, string userSessionId, IReadOnlyDictionary<string, string>? configurationData, DateTimeOffset now)
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

    /// <summary>The campaign; null while a guided session has not reached its choice.</summary>
    public Guid? CampaignId { get; private set; }

    /// <summary>Opened by a person in the console's wizard (not by the importer): the review closes it, not the pipeline.</summary>
    public bool Guided { get; private set; }

    public Guid? BatchId { get; private set; }

    public WorkflowStep CurrentStep { get; private set; }

    public WorkflowStatus Status { get; private set; }

    public Dictionary<string, string> ConfigurationData { get; private set; } = [];

    public List<CompletedStep> StepsCompleted { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>A wizard's session for the browser session <paramref name="userSessionId"/>: ACTIVE at UPLOAD_CSV, nothing chosen yet.</summary>
    public static WorkflowSession StartGuided(string userSessionId, DateTimeOffset now) =>
        new(null, null, userSessionId, null, now) { Guided = true };

    /// <summary>Records the choices made at the current step (merged into <see cref="ConfigurationData"/>; a null value removes a choice).</summary>
    public void Record(IReadOnlyDictionary<string, string?> choices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(choices);
        EnsureOpen();
        var merged = new Dictionary<string, string>(ConfigurationData);
        foreach (var (key, value) in choices)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        ConfigurationData = merged;
        Touch(now);
    }

    /// <summary>The campaign chosen at CAMPAIGN_SETTINGS (a new choice replaces the earlier one until the batch exists).</summary>
    public void ChooseCampaign(Guid campaignId, DateTimeOffset now)
    {
        EnsureOpen();
        if (BatchId is not null)
        {
            throw new DomainConflictException("The batch has started; its campaign can no longer change.");
        }

        CampaignId = campaignId;
        Touch(now);
    }

    /// <summary>The importer made the batch of this session's file: it belongs to the session, which moves to BEGIN_ENRICHMENT.</summary>
    public void AttachBatch(Guid campaignId, Guid batchId, DateTimeOffset now)
    {
        if (BatchId is { } attached && attached != batchId)
        {
            throw new DomainConflictException($"The workflow session already has batch {attached}.");
        }

        EnsureOpen();
        CampaignId = campaignId;
        BatchId = batchId;
        if (CurrentStep < WorkflowStep.BeginEnrichment)
        {
            AdvanceTo(WorkflowStep.BeginEnrichment, now);
        }
    }

    /// <summary>
    /// The pipeline finished the batch: a failed batch puts the session in ERROR with <paramref name="reason"/>; a
    /// finished one closes an importer's session, and leaves a guided one ACTIVE at EMAIL_GENERATION for its review.
    /// </summary>
    public void FinishPipeline(bool failed, string reason, DateTimeOffset now)
    {
        if (Status != WorkflowStatus.Active)
        {
            return;
        }

        if (failed)
        {
            MarkError(reason, now);
        }
        else if (!Guided)
        {
            Complete(now);
        }
        else if (CurrentStep < WorkflowStep.EmailGeneration)
        {
            AdvanceTo(WorkflowStep.EmailGeneration, now);
        }
    }

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

    /// <summary>→ ABANDONED (cancelled by a user, or left idle past the wizard's limit).</summary>
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

    /// <summary>A session takes choices and moves while it is open (active or paused), never after it was closed; a conflict otherwise.</summary>
    public void EnsureOpen()
    {
        if (Status is not (WorkflowStatus.Active or WorkflowStatus.Paused))
        {
            throw new DomainConflictException($"The workflow session is {StatusLabel.Of(Status)}; start a new one.");
        }
    }

    private DateTimeOffset MoveTo(WorkflowStatus next, DateTimeOffset now)
    {
        Rules.Workflow.EnsureCanMove(Status, next);
        Status = next;
        return Touch(now);
    }
}
