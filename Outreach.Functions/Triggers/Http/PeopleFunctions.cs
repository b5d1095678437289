using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Application.Erasure;

namespace Outreach.Functions.Triggers.Http;

/// <summary><c>/api/people</c>: a person's right to erasure.</summary>
public sealed class PeopleFunctions(PersonErasure erasure)
{
    /// <summary>
    /// <c>DELETE /api/people?email=</c>: the person removed from every table and file this app stored them in, then
    /// suppressed; what was removed. 409 while one of their batches runs; 400 for something that is not one address.
    /// </summary>
    [Function(nameof(ErasePerson))]
    public Task<IResult> ErasePerson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "people")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            return ApiHttp.Ok(await erasure.EraseAsync(req.Query["email"].ToString(), cancellationToken));
        });
}
