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
    /// <summary>Not reviewed yet, and the quality gate flagged it (see quality_flags): read it before approving.</summary>
    NeedsAttention,
}
