using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Suppressions;

namespace Outreach.Functions.Triggers.Http;

/// <summary><c>/api/suppressions</c>: who must not be contacted — list, add, import a CSV, remove.</summary>
public sealed class SuppressionFunctions(SuppressionList suppressions, SuppressionQueries queries, UploadIntake uploads)
{
    /// <summary><c>GET /api/suppressions?search=&amp;page=&amp;pageSize=</c>: newest first.</summary>
    [Function(nameof(ListSuppressions))]
    public Task<IResult> ListSuppressions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "suppressions")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var (page, size) = ApiHttp.Paging(req);
            return ApiHttp.Ok(await queries.ListAsync(req.Query["search"], page, size, cancellationToken));
        });

    /// <summary><c>POST /api/suppressions</c> <c>{"value", "reason", "source", "note"}</c>: 201 when new, 200 when it updated the entry.</summary>
    [Function(nameof(AddSuppression))]
    public Task<IResult> AddSuppression(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "suppressions")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var (suppression, created) = await suppressions.AddAsync(await ApiHttp.BodyAsync<SuppressionRequest>(req, cancellationToken), cancellationToken);
            return ApiHttp.Ok(suppression, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

    /// <summary>
    /// <c>POST /api/suppressions/import?reason=&amp;source=</c> with a text/csv body (an <c>email</c> column, optional
    /// <c>reason</c> and <c>note</c>): how many were added and updated, and each refused row with its line.
    /// </summary>
    [Function(nameof(ImportSuppressions))]
    public Task<IResult> ImportSuppressions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "suppressions/import")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var body = uploads.CsvBody(req);
            var source = req.Query["source"].ToString() is { Length: > 0 } given ? given : "import";
            return ApiHttp.Ok(await suppressions.ImportAsync(body, req.Query["reason"], source, cancellationToken));
        });

    /// <summary><c>DELETE /api/suppressions?value=</c>: 204, or 404 when the address or domain was not suppressed.</summary>
    [Function(nameof(RemoveSuppression))]
    public Task<IResult> RemoveSuppression(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "suppressions")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var value = req.Query["value"].ToString();
            return await suppressions.RemoveAsync(value, cancellationToken)
                ? Results.NoContent()
                : ApiHttp.Problem(StatusCodes.Status404NotFound, $"'{value}' is not suppressed.");
        });
}
