namespace Outreach.Domain.Enums;

/// <summary>What the address check found about a prospect's email address.</summary>
public enum EmailVerification
{
    /// <summary>Not decided: DNS did not answer (never a reason to drop anyone).</summary>
    Unknown,
    /// <summary>Well-formed, on a domain that accepts mail, a personal mailbox.</summary>
    Valid,
    /// <summary>Deliverable but a poor target: a role account (info@, sales@), a free-mail or a disposable address.</summary>
    Risky,
    /// <summary>Not deliverable: malformed, or the domain does not exist or accepts no mail.</summary>
    Invalid,
}
