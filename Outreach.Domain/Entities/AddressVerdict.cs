using Outreach.Domain.Enums;

namespace Outreach.Domain.Entities;

/// <summary>The address check's result and its reason, as a prospect records it.</summary>
public sealed record AddressVerdict(EmailVerification Status, string Reason);
