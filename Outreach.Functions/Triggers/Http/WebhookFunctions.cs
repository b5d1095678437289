using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Application.Webhooks;

namespace Outreach.Functions.Triggers.Http;

/// <summary><c>/api/webhooks</c>: the receivers of batch.finished and push.finished events, and their deliveries.</summary>
public sealed class WebhookFunctions(WebhookRegistry webhooks)
{
    /// <summary><c>GET /api/webhooks</c>: receivers (from settings and the API; secrets never shown) and the latest deliveries.</summary>
    [Function(nameof(ListWebhooks))]
    public Task<IResult> ListWebhooks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await webhooks.ListAsync(cancellationToken)));

    /// <summary>
    /// <c>POST /api/webhooks</c> <c>{"url","secretSetting","description"}</c>: 201. The secret itself stays in configuration
    /// (an app setting or Key Vault reference named by secretSetting); a URL on a private address is refused (400).
    /// </summary>
    [Function(nameof(AddWebhook))]
    public Task<IResult> AddWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
            ApiHttp.Ok(await webhooks.AddAsync(await ApiHttp.BodyAsync<WebhookRequest>(req, cancellationToken), cancellationToken), StatusCodes.Status201Created));

    /// <summary><c>DELETE /api/webhooks/{id}</c>: 204, or 404 (receivers from settings are removed in settings).</summary>
    [Function(nameof(RemoveWebhook))]
    public Task<IResult> RemoveWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var webhookId = ApiHttp.Id(id);
            return await webhooks.RemoveAsync(webhookId, cancellationToken)
                ? Results.NoContent()
                : ApiHttp.Problem(StatusCodes.Status404NotFound, $"No webhook with id {webhookId} (receivers configured in settings are removed there).");
        });
}
