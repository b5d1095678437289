using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Application;

namespace Outreach.Functions.Triggers.Http;

/// <summary>Single records: uploads, prospects, jobs, and the review of an email.</summary>
public sealed class RecordFunctions(UploadIntake uploads, UploadQueries uploadQueries, ProspectQueries prospects, EmailReview review, JobQueries jobs)
{
    /// <summary><c>GET /api/uploads/{id}</c>: status, row counts, rejected rows (line, reason) and the batch.</summary>
    [Function(nameof(GetUpload))]
    public Task<IResult> GetUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "uploads/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var uploadId = ApiHttp.Id(id);
            return ApiHttp.Ok(await uploadQueries.GetAsync(uploadId, cancellationToken) ?? throw ApiProblemException.NotFound("upload", uploadId));
        });

    /// <summary>
    /// <c>POST /api/uploads/preview</c> with a text/csv body: what an upload would accept and reject (mapping, counts,
    /// rejected rows with line and reason, encoding, separator, notes), nothing stored — the console's dry run.
    /// </summary>
    [Function(nameof(PreviewUpload))]
    public Task<IResult> PreviewUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads/preview")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await uploads.PreviewAsync(req, cancellationToken)));

    /// <summary><c>GET /api/prospects/{id}</c>: the prospect with its enrichment, analysis and email.</summary>
    [Function(nameof(GetProspect))]
    public Task<IResult> GetProspect(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "prospects/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var prospectId = ApiHttp.Id(id);
            return ApiHttp.Ok(await prospects.GetAsync(prospectId, cancellationToken) ?? throw ApiProblemException.NotFound("prospect", prospectId));
        });

    /// <summary><c>PUT /api/emails/{id}/review</c> with <c>{"status":"APPROVED"|"REJECTED"}</c>.</summary>
    [Function(nameof(ReviewEmail))]
    public Task<IResult> ReviewEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "emails/{id}/review")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var emailId = ApiHttp.Id(id);
            return ApiHttp.Ok(await review.ReviewAsync(emailId, await ApiHttp.BodyAsync<ReviewRequest>(req, cancellationToken), cancellationToken));
        });

    /// <summary>
    /// <c>PUT /api/emails/{id}</c> with <c>{"subject":"…","body":"…"}</c>: a reviewer's edit, re-checked by the quality gate;
    /// the generated text is kept as <c>originalSubject</c>/<c>originalBody</c> and the review starts over.
    /// </summary>
    [Function(nameof(EditEmail))]
    public Task<IResult> EditEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "emails/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var emailId = ApiHttp.Id(id);
            return ApiHttp.Ok(await review.EditAsync(emailId, await ApiHttp.BodyAsync<EmailEdit>(req, cancellationToken), cancellationToken));
        });

    /// <summary><c>POST /api/batches/{id}/approve</c>: approves every email of the batch waiting for review with nothing flagged; answers how many.</summary>
    [Function(nameof(ApproveUnflagged))]
    public Task<IResult> ApproveUnflagged(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/approve")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            return ApiHttp.Ok(new { batchId, approved = await review.ApproveUnflaggedAsync(batchId, cancellationToken) });
        });

    /// <summary><c>GET /api/jobs/{id}</c>.</summary>
    [Function(nameof(GetJob))]
    public Task<IResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "jobs/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var jobId = ApiHttp.Id(id);
            return ApiHttp.Ok(await jobs.GetAsync(jobId, cancellationToken) ?? throw ApiProblemException.NotFound("job", jobId));
        });
}
