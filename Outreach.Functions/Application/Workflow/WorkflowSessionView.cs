namespace Outreach.Functions.Application.Workflow;

/// <summary>A step the session has left, and when.</summary>
public sealed record WorkflowStepView(string Step, DateTimeOffset CompletedAt);

/// <summary>A workflow session as <c>/api/workflows</c> shows it: where it is, what was chosen so far, and what went wrong.</summary>
public sealed record WorkflowSessionView(
    Guid Id,
    string UserSessionId,
    string Step,
    string Status,
    bool Guided,
    Guid? CampaignId,
    Guid? BatchId,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyList<WorkflowStepView> StepsCompleted,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    internal static WorkflowSessionView Of(Domain.Entities.WorkflowSession s) => new(
        s.Id, s.UserSessionId, Domain.StatusRules.StatusLabel.Of(s.CurrentStep), Domain.StatusRules.StatusLabel.Of(s.Status), s.Guided, s.CampaignId, s.BatchId,
        s.ConfigurationData, [.. s.StepsCompleted.Select(c => new WorkflowStepView(Domain.StatusRules.StatusLabel.Of(c.Step), c.CompletedAt))],
        s.ErrorMessage, s.CreatedAt, s.UpdatedAt);
}

/// <summary>The answer to a file staged at UPLOAD_CSV: the session and the dry run of its file.</summary>
public sealed record WorkflowDraftView(WorkflowSessionView Session, UploadPreview Preview);

/// <summary>The body of <c>POST /api/workflows</c>: the browser session the wizard belongs to.</summary>
public sealed record WorkflowStartRequest(string UserSessionId);

/// <summary>
/// The body of <c>POST /api/workflows/{id}/advance</c>: the step to move to, the campaign (at CAMPAIGN_SETTINGS) and
/// the choices made at the step being left (kept in configuration_data; a null value removes one).
/// </summary>
public sealed record WorkflowAdvanceRequest(string Step, Guid? CampaignId = null, IReadOnlyDictionary<string, string?>? Configuration = null);

/// <summary>One email rendered from the campaign's templates on a row of the session's file, as the template writer would write it.</summary>
public sealed record EmailPreview(int Line, string? Name, string? Company, string Subject, string Body, string? Footer = null);
