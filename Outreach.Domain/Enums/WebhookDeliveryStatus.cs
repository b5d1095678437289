namespace Outreach.Domain.Enums;

/// <summary>Where one webhook delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Recorded, not yet accepted by the receiver (attempts may have failed).</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Given up: the receiver refused it for good, or every attempt failed.</summary>
    Failed,
}
