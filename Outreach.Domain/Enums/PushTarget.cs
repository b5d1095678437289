namespace Outreach.Domain.Enums;

/// <summary>A sequencer approved emails are pushed to as leads.</summary>
public enum PushTarget
{
    /// <summary>Instantly (API v2).</summary>
    Instantly,
    /// <summary>Smartlead (API v1).</summary>
    Smartlead,
    /// <summary>lemlist.</summary>
    Lemlist,
}
