using Outreach.Domain.Enums;

namespace Outreach.Functions.Verification;

/// <summary>The address check's result and its reason.</summary>
public sealed record AddressVerdict(EmailVerification Status, string Reason);
