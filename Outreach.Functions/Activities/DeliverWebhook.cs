using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions.Activities;

/// <summary>
/// One attempt of one delivery: POST the CloudEvent, signed per Standard Webhooks (<c>webhook-id</c> = the delivery's
/// id on every attempt, <c>webhook-timestamp</c>, <c>webhook-signature</c>), and record the answer. A 2xx delivers it;
/// anything else is recorded and thrown as transient for the orchestration to try again later, until the last attempt,
/// which records it FAILED. A receiver at a private address, or one whose secret is not set, fails at once.
/// </summary>
public sealed class DeliverWebhook(
    IDbContextFactory<OutreachDbContext> contexts, WebhookReceivers receivers, IHttpClientFactory http, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Makes one attempt.</summary>
    [Function(nameof(DeliverWebhook))]
    public async Task RunAsync([ActivityTrigger] Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery.Status != WebhookDeliveryStatus.Pending)
        {
            return;
        }

        var settings = options.CurrentValue;
        var final = delivery.Attempts + 1 >= settings.MaxAttempts;
        var receiver = await receivers.FindAsync(delivery.Endpoint, cancellationToken);
        var (status, error, retryAfter, retry) = receiver is null
            ? (null, "the receiver was removed", null, false)
            : receiver.Secret is null
            ? (null, $"the receiver's secret is not set ({receiver.SecretSetting ?? $"Webhooks__Endpoints__{delivery.Endpoint["settings:".Length..]}__Secret"})", null, false)
            : await SendAsync(receiver, delivery.Id.ToString("D"), delivery.Payload, settings.TimeoutSeconds, cancellationToken);
        var now = clock.GetUtcNow();
        if (error is null)
        {
            delivery.Delivered(status!.Value, now);
        }
        else
        {
            delivery.AttemptFailed(status, SecretScrubber.Scrub(error), final || !retry, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (error is not null && retry && !final)
        {
            throw new TransientProspectException($"Webhook {delivery.Endpoint}: {error}", retryAfter);
        }
    }

    private async Task<(int? Status, string? Error, TimeSpan? RetryAfter, bool Retry)> SendAsync(
        WebhookReceiver receiver, string id, string payload, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url)
        {
            Content = new StringContent(payload, Encoding.UTF8, CloudEvent.MediaType),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.Sign(receiver.Secret!, id, timestamp, payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Outreach", "1.0"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            using var response = await http.CreateClient(WebhookOptions.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (code, null, null, false)
                : (code, $"the receiver answered {code}", ProviderErrors.RetryAfterOf(response), true);
        }
        catch (HttpRequestException ex) when (ex.InnerException is UnsafeAddressException unsafeAddress)
        {
            return (null, unsafeAddress.Message, null, false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, ex is OperationCanceledException ? $"no answer within {timeoutSeconds} s" : ex.Message, null, true);
        }
    }
}
