using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Workflow;

namespace Outreach.Functions.Triggers.Http;

/// <summary><c>/api/workflows</c>: the console wizard's sessions — start, resume, stage the file, preview an email, advance, abandon.</summary>
public sealed class WorkflowFunctions(WorkflowWizard wizard)
{
    /// <summary><c>POST /api/workflows</c> <c>{"userSessionId"}</c>: 201 with a new session at UPLOAD_CSV.</summary>
    [Function(nameof(StartWorkflow))]
    public Task<IResult> StartWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var session = await wizard.StartAsync(await ApiHttp.BodyAsync<WorkflowStartRequest>(req, cancellationToken), cancellationToken);
            return new Located(ApiHttp.Ok(session, StatusCodes.Status201Created), $"/api/workflows/{session.Id}");
        });

    /// <summary><c>GET /api/workflows?userSessionId=</c>: that browser's sessions, newest first (at most 20).</summary>
    [Function(nameof(ListWorkflows))]
    public Task<IResult> ListWorkflows(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            return ApiHttp.Ok(await wizard.ListAsync(req.Query["userSessionId"].ToString(), cancellationToken));
        });

    /// <summary><c>GET /api/workflows/{id}</c>.</summary>
    [Function(nameof(GetWorkflow))]
    public Task<IResult> GetWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await wizard.GetAsync(ApiHttp.Id(id), cancellationToken)));

    /// <summary><c>PUT /api/workflows/{id}/file?name=</c> with a text/csv body: the session's file, staged and dry-run (nothing imported).</summary>
    [Function(nameof(StageWorkflowFile))]
    public Task<IResult> StageWorkflowFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "workflows/{id}/file")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            return ApiHttp.Ok(await wizard.StageFileAsync(ApiHttp.Id(id), req.Query["name"], req, cancellationToken));
        });

    /// <summary><c>GET /api/workflows/{id}/file</c>: the dry run of the session's file, read again.</summary>
    [Function(nameof(PreviewWorkflowFile))]
    public Task<IResult> PreviewWorkflowFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "workflows/{id}/file")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await wizard.DraftPreviewAsync(ApiHttp.Id(id), cancellationToken)));

    /// <summary>
    /// <c>POST /api/workflows/{id}/email-preview?row=</c> with a campaign body (the shape of <c>POST /api/campaigns</c>): the
    /// email its templates give accepted row <c>row</c> (from 0) of the session's file; nothing is stored.
    /// </summary>
    [Function(nameof(PreviewWorkflowEmail))]
    public Task<IResult> PreviewWorkflowEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows/{id}/email-preview")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var row = req.Query["row"].ToString() is { Length: > 0 } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ApiProblemException(StatusCodes.Status400BadRequest, $"row must be a whole number, not '{text}'.")
                : 0;
            return ApiHttp.Ok(await wizard.PreviewEmailAsync(ApiHttp.Id(id), await ApiHttp.BodyAsync<CampaignRequest>(req, cancellationToken), row, cancellationToken));
        });

    /// <summary><c>POST /api/workflows/{id}/advance</c> <c>{"step", "campaignId", "configuration"}</c>: the session at its next step.</summary>
    [Function(nameof(AdvanceWorkflow))]
    public Task<IResult> AdvanceWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows/{id}/advance")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
            ApiHttp.Ok(await wizard.AdvanceAsync(ApiHttp.Id(id), await ApiHttp.BodyAsync<WorkflowAdvanceRequest>(req, cancellationToken), durable, cancellationToken)));

    /// <summary><c>POST /api/workflows/{id}/abandon</c>: the session ABANDONED (a running batch must be cancelled first).</summary>
    [Function(nameof(AbandonWorkflow))]
    public Task<IResult> AbandonWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workflows/{id}/abandon")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await wizard.AbandonAsync(ApiHttp.Id(id), cancellationToken)));
}
