using Outreach.Domain.Enums;

namespace Outreach.Domain.Entities;

/// <summary>
/// One event for one receiver, recorded before the first attempt: its id is the Standard Webhooks <c>webhook-id</c>
/// (the same on every attempt, so a receiver can drop repeats) and each attempt updates the row.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    private WebhookDelivery()
    {
    }

    /// <summary>A PENDING delivery of <paramref name="payload"/> (the CloudEvents JSON) to <paramref name="endpoint"/>.</summary>
    public WebhookDelivery(string endpoint, string url, string eventType, string subject, string payload, DateTimeOffset now)
        : base(now)
    {
        Endpoint = Guard.Required(endpoint, nameof(endpoint), 200);
        Url = WebhookEndpoint.CheckUrl(url);
        EventType = Guard.Required(eventType, nameof(eventType), 200);
        Subject = Guard.Required(subject, nameof(subject), 200);
        Payload = Guard.Required(payload, nameof(payload), 64 * 1024);
        Status = WebhookDeliveryStatus.Pending;
    }

    /// <summary>Which receiver: <c>settings:N</c> for <c>Webhooks__Endpoints__N</c>, <c>api:{id}</c> for one added through the API.</summary>
    public string Endpoint { get; private set; } = null!;

    public string Url { get; private set; } = null!;

    /// <summary>The CloudEvents type, e.g. <c>com.outreach.batch.finished</c>.</summary>
    public string EventType { get; private set; } = null!;

    /// <summary>What it is about (<c>batches/{id}</c>, <c>jobs/{id}</c>): one delivery per event, receiver and subject.</summary>
    public string Subject { get; private set; } = null!;

    /// <summary>The CloudEvents 1.0 JSON sent as the body.</summary>
    public string Payload { get; private set; } = null!;

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The receiver's last HTTP status, if it answered.</summary>
    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>An attempt the receiver accepted.</summary>
    public void Delivered(int statusCode, DateTimeOffset now)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = null;
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt = Touch(now);
    }

    /// <summary>An attempt that failed; <paramref name="final"/> when no attempt will follow.</summary>
    public void AttemptFailed(int? statusCode, string error, bool final, DateTimeOffset now)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = Guard.Reason(error);
        if (final)
        {
            Status = WebhookDeliveryStatus.Failed;
        }

        Touch(now);
    }
}
