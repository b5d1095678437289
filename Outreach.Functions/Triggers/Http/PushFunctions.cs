using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Outreach.Functions.Application.Pushes;

namespace Outreach.Functions.Triggers.Http;

/// <summary><c>/api/batches/{id}/push</c> and <c>…/pushes</c>: approved emails to a sequencer, and what became of them.</summary>
public sealed class PushFunctions(SequencerPush pushes)
{
    /// <summary>
    /// <c>POST /api/batches/{id}/push</c> <c>{"target":"instantly|smartlead|lemlist","campaign":"their campaign id"}</c>:
    /// 202 + the push job (Location /api/jobs/{jobId}); 409 with the reason when the batch, its campaign or the sequencer
    /// is not ready, or nothing is left to send.
    /// </summary>
    [Function(nameof(PushBatch))]
    public Task<IResult> PushBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "batches/{id}/push")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            var body = await ApiHttp.BodyAsync<PushRequest>(req, cancellationToken);
            return ApiHttp.Control(await pushes.StartAsync(batchId, body, durable, cancellationToken), batchId, "push");
        });

    /// <summary><c>GET /api/batches/{id}/pushes</c>: counts per sequencer, the push jobs, and the emails that did not land.</summary>
    [Function(nameof(ListBatchPushes))]
    public Task<IResult> ListBatchPushes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "batches/{id}/pushes")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var batchId = ApiHttp.Id(id);
            return await pushes.GetAsync(batchId, cancellationToken) is { } view
                ? ApiHttp.Ok(view)
                : ApiHttp.Problem(StatusCodes.Status404NotFound, $"No batch with id {batchId}.");
        });
}
