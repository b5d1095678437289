namespace Outreach.Functions.Application.Webhooks;

/// <summary>The receivers and the latest deliveries (newest first).</summary>
public sealed record WebhooksView(IReadOnlyList<WebhookView> Endpoints, IReadOnlyList<WebhookDeliveryView> Deliveries);
