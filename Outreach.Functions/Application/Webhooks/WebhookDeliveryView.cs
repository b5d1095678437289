namespace Outreach.Functions.Application.Webhooks;

/// <summary>One delivery as the API shows it (no payload: it is the event, which the receiver has).</summary>
public sealed record WebhookDeliveryView(
    Guid Id, string Endpoint, string EventType, string Subject, string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
