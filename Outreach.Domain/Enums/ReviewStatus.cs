namespace Outreach.Domain.Enums;

/// <summary>A person's verdict on a generated email.</summary>
public enum ReviewStatus
{
    /// <summary>Nobody has reviewed it yet.</summary>
    PendingReview,
    /// <summary>Approved for sending.</summary>
    Approved,
    /// <summary>Rejected.</summary>
    Rejected,
}
