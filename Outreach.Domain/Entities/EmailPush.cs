using Outreach.Domain.Enums;

namespace Outreach.Domain.Entities;

/// <summary>
/// One approved email handed to a sequencer, recorded once the sequencer answered: one row per email and target, so a
/// second push of the batch sends nothing twice and an interrupted push resumes with what has no row yet. A FAILED
/// row is tried again by the next push; PUSHED and SKIPPED are final.
/// </summary>
public sealed class EmailPush : Entity
{
    private EmailPush()
    {
    }

    /// <summary>Records what <paramref name="target"/> answered for the email.</summary>
    public EmailPush(Guid generatedEmailId, Guid batchId, Guid jobId, PushTarget target, string targetCampaign, PushStatus status, string? externalLeadId, string? error, DateTimeOffset now)
        : base(now)
    {
        GeneratedEmailId = generatedEmailId;
        BatchId = batchId;
        Target = target;
        TargetCampaign = Guard.Required(targetCampaign, nameof(targetCampaign), 200);
        Record(jobId, status, externalLeadId, error, now);
    }

    public Guid GeneratedEmailId { get; private set; }

    public Guid BatchId { get; private set; }

    /// <summary>The push job that last sent it.</summary>
    public Guid JobId { get; private set; }

    public PushTarget Target { get; private set; }

    /// <summary>The sequencer's campaign id the lead went to.</summary>
    public string TargetCampaign { get; private set; } = null!;

    /// <summary>The sequencer's id for the lead, when it returns one (Instantly, lemlist).</summary>
    public string? ExternalLeadId { get; private set; }

    public PushStatus Status { get; private set; }

    /// <summary>Why it was skipped or failed.</summary>
    public string? Error { get; private set; }

    /// <summary>When the sequencer took it (PUSHED only).</summary>
    public DateTimeOffset? PushedAt { get; private set; }

    /// <summary>Whether a push may send this email again: only a failed one.</summary>
    public bool CanRetry => Status == PushStatus.Failed;

    /// <summary>Records a later attempt of a FAILED email.</summary>
    public void Retry(Guid jobId, string targetCampaign, PushStatus status, string? externalLeadId, string? error, DateTimeOffset now)
    {
        if (!CanRetry)
        {
            throw new StatusRules.DomainConflictException($"Email {GeneratedEmailId} was already {StatusRules.StatusLabel.Of(Status)} to {StatusRules.StatusLabel.Of(Target)}.");
        }

        TargetCampaign = Guard.Required(targetCampaign, nameof(targetCampaign), 200);
        Record(jobId, status, externalLeadId, error, now);
    }

    private void Record(Guid jobId, PushStatus status, string? externalLeadId, string? error, DateTimeOffset now)
    {
        JobId = jobId;
        Status = status;
        ExternalLeadId = Guard.Optional(externalLeadId, nameof(externalLeadId), 200);
        Error = status == PushStatus.Pushed ? null : Guard.Reason(error);
        PushedAt = status == PushStatus.Pushed ? Touch(now) : null;
        Touch(now);
    }
}
