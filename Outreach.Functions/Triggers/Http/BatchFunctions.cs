using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Triggers.Http;

/// <summary>
/// The body of <c>POST /api/batches/{id}/retry</c>: the job type, and <c>regenerate</c> to write the emails of an ended
/// batch again with the campaign's current settings (GENERATION only; approved emails stay).
/// </summary>
public sealed record RetryRequest(string? JobType, bool? Regenerate = null);

/// <summary><c>/api/batches/{id}</c>: status, prospects, emails (JSON and CSV) and control.</summary>
public sealed class BatchFunctions(BatchQueries batches, ProspectQueries prospects, BatchControl control, IDbContextFactory<OutreachDbContext> contexts)
{
    /// <summary><c>GET /api/batches?campaignId=&amp;status=&amp;page=&amp;pageSize=</c>: newest first.</summary>
    [Function(nameof(ListBatches))]
    public Task<IResult> ListBatches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var (page, size) = ApiHttp.Paging(req);
            var campaign = req.Query["campaignId"].ToString() is { Length: > 0 } text ? ApiHttp.Id(text) : (Guid?)null;
            return ApiHttp.Ok(await batches.ListAsync(campaign, req.Query["status"], page, size, cancellationToken));
        });

    /// <summary><c>GET /api/batches/{id}</c>: from the stored counters, never by counting prospects.</summary>
    [Function(nameof(GetBatch))]
    public Task<IResult> GetBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            return ApiHttp.Ok(await batches.GetAsync(batchId, BatchQueries.RuntimeStatusOf(durable), cancellationToken) ?? throw ApiProblemException.NotFound("batch", batchId));
        });

    /// <summary><c>GET /api/batches/{id}/failures</c>: the failed prospects grouped by reason, most frequent first.</summary>
    [Function(nameof(ListBatchFailures))]
    public Task<IResult> ListBatchFailures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/failures")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            await prospects.EnsureBatchAsync(batchId, cancellationToken);

            return ApiHttp.Ok(await batches.FailureReasonsAsync(batchId, cancellationToken));
        });

    /// <summary><c>GET /api/batches/{id}/prospects?status=&amp;page=&amp;pageSize=</c>.</summary>
    [Function(nameof(ListBatchProspects))]
    public Task<IResult> ListBatchProspects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/prospects")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var batchId = ApiHttp.Id(id);
            var (page, size) = ApiHttp.Paging(req);
            return ApiHttp.Ok(await prospects.ListAsync(batchId, req.Query["status"], page, size, cancellationToken));
        });

    /// <summary><c>GET /api/batches/{id}/emails?approved=true&amp;review=&amp;page=&amp;pageSize=</c> (<c>review</c>: one review status; <c>approved=true</c> is <c>review=APPROVED</c>).</summary>
    [Function(nameof(ListBatchEmails))]
    public Task<IResult> ListBatchEmails(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/emails")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            var (page, size) = ApiHttp.Paging(req);
            var review = ApprovedOnly(req) ? StatusLabel.Of(ReviewStatus.Approved) : req.Query["review"].ToString();
            return ApiHttp.Ok(await prospects.EmailsAsync(batchId, review, page, size, cancellationToken));
        });

    /// <summary>
    /// <c>GET /api/batches/{id}/emails.csv?approved=true&amp;format=generic|instantly|smartlead|lemlist</c>: streamed from the
    /// database as RFC 4180 CSV in the chosen layout, UTF-8 with a BOM for Excel, every cell formula-injection safe.
    /// </summary>
    [Function(nameof(ExportBatchEmailsCsv))]
    public Task<IResult> ExportBatchEmailsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/emails.csv")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            var approvedOnly = ApprovedOnly(req);
            var format = req.Query["format"].ToString() is { Length: > 0 } f ? ProspectQueries.Parse<ExportFormat>(f, "format") : ExportFormat.Generic;
            await prospects.EnsureBatchAsync(batchId, cancellationToken);

            return Results.Stream(
                async body =>
                {
                    await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                    await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
                    await ResultsWriter.WriteEmailsAsync(db, batchId, approvedOnly, writer, cancellationToken, format);
                },
                "text/csv; charset=utf-8",
                $"emails-{batchId:D}{(approvedOnly ? "-approved" : string.Empty)}{(format == ExportFormat.Generic ? string.Empty : "-" + format.ToString().ToLowerInvariant())}.csv");
        });

    /// <summary><c>POST /api/batches/{id}/retry</c> with <c>{"jobType":"FULL_PIPELINE"|"ENRICHMENT"|"GENERATION","regenerate":false}</c> (default FULL_PIPELINE).</summary>
    [Function(nameof(RetryBatch))]
    public Task<IResult> RetryBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/retry")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var batchId = ApiHttp.Id(id);
            var body = await ApiHttp.OptionalBodyAsync<RetryRequest>(req, cancellationToken);
            if (body?.Regenerate == true)
            {
                if (!string.IsNullOrWhiteSpace(body.JobType) && RunTypeOf(body.JobType) != JobType.Generation)
                {
                    throw new ApiProblemException(StatusCodes.Status400BadRequest, "regenerate writes emails again: its jobType is GENERATION.");
                }

                return Answer(await control.RegenerateAsync(batchId, durable, cancellationToken), batchId, "retry");
            }

            var type = string.IsNullOrWhiteSpace(body?.JobType) ? JobType.FullPipeline : RunTypeOf(body.JobType);
            return Answer(await control.RetryAsync(batchId, type, durable, cancellationToken), batchId, "retry");
        });

    /// <summary>
    /// <c>POST /api/emails/{id}/regenerate</c>: writes this one email again (not approved, of an ended batch) as a GENERATION
    /// job of one; 202 + the job, or 409 with the reason.
    /// </summary>
    [Function(nameof(RegenerateEmail))]
    public Task<IResult> RegenerateEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "emails/{id}/regenerate")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var emailId = ApiHttp.Id(id);
            var result = await control.RegenerateEmailAsync(emailId, durable, cancellationToken);
            return result.Outcome switch
            {
                ControlOutcome.Accepted => new Located(
                    ApiHttp.Ok(new { emailId, action = "regenerate", jobId = result.JobId, status = "ACCEPTED" }, StatusCodes.Status202Accepted), $"/api/jobs/{result.JobId}"),
                ControlOutcome.NotFound => ApiHttp.Problem(StatusCodes.Status404NotFound, result.Reason!),
                _ => ApiHttp.Problem(StatusCodes.Status409Conflict, result.Reason!),
            };
        });

    /// <summary><c>POST /api/batches/{id}/pause</c>.</summary>
    [Function(nameof(PauseBatch))]
    public Task<IResult> PauseBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/pause")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => Answer(await control.PauseAsync(ApiHttp.Id(id), durable, cancellationToken), ApiHttp.Id(id), "pause"));

    /// <summary><c>POST /api/batches/{id}/resume</c>.</summary>
    [Function(nameof(ResumeBatch))]
    public Task<IResult> ResumeBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/resume")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => Answer(await control.ResumeAsync(ApiHttp.Id(id), durable, cancellationToken), ApiHttp.Id(id), "resume"));

    /// <summary><c>POST /api/batches/{id}/cancel</c>.</summary>
    [Function(nameof(CancelBatch))]
    public Task<IResult> CancelBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/cancel")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => Answer(await control.CancelAsync(ApiHttp.Id(id), durable, cancellationToken), ApiHttp.Id(id), "cancel"));

    // A retry runs the pipeline again; a push is started by its own route.
    private static readonly JobType[] RunTypes = [JobType.Enrichment, JobType.Generation, JobType.FullPipeline];

    private static JobType RunTypeOf(string label) => ProspectQueries.Parse(label, "jobType", RunTypes);

    private static bool ApprovedOnly(HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var text = req.Query["approved"].ToString();
        return text.Length == 0 ? false
            : bool.TryParse(text, out var value) ? value
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, $"approved must be true or false, not '{text}'.");
    }

    private static IResult Answer(ControlResult result, Guid batchId, string action) => ApiHttp.Control(result, batchId, action);
}

/// <summary>An answer with a Location header.</summary>
internal sealed class Located(IResult inner, string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.Location = location;
        return inner.ExecuteAsync(httpContext);
    }
}
