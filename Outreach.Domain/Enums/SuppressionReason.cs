namespace Outreach.Domain.Enums;

/// <summary>Why an address or a domain must not be contacted.</summary>
public enum SuppressionReason
{
    /// <summary>The person opted out.</summary>
    Unsubscribed,
    /// <summary>Mail to the address bounced.</summary>
    Bounced,
    /// <summary>Already a customer.</summary>
    Customer,
    /// <summary>Works for a competitor.</summary>
    Competitor,
    /// <summary>Added by hand (an erasure request too).</summary>
    Manual,
}
