namespace Outreach.Domain.Enums;

/// <summary>Which prospects a campaign processes, by their address check.</summary>
public enum VerificationPolicy
{
    /// <summary>Everyone (the check is still recorded).</summary>
    Off,
    /// <summary>Everyone but INVALID addresses (the default: mail to them bounces and hurts the sender).</summary>
    SkipInvalid,
    /// <summary>Only VALID addresses (and UNKNOWN ones: a DNS outage never drops anyone).</summary>
    ValidOnly,
}
