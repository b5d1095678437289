using Outreach.Domain.Enums;

namespace Outreach.Domain.StatusRules;

/// <summary>Which addresses a campaign's verification setting excludes from processing.</summary>
public static class AddressPolicy
{
    /// <summary>
    /// Whether <paramref name="policy"/> skips an address found <paramref name="verdict"/>. UNKNOWN is never skipped:
    /// a DNS outage must not drop anyone.
    /// </summary>
    public static bool Excludes(VerificationPolicy policy, EmailVerification verdict) => policy switch
    {
        VerificationPolicy.SkipInvalid => verdict == EmailVerification.Invalid,
        VerificationPolicy.ValidOnly => verdict is EmailVerification.Invalid or EmailVerification.Risky,
        _ => false,
    };
}
