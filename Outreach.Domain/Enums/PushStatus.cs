namespace Outreach.Domain.Enums;

/// <summary>What became of one email pushed to a sequencer. PUSHED and SKIPPED are final; a FAILED email is sent again by the next push.</summary>
public enum PushStatus
{
    /// <summary>The sequencer took the lead.</summary>
    Pushed,
    /// <summary>The sequencer answered but did not add it (already in the campaign, on its blocklist, refused as invalid).</summary>
    Skipped,
    /// <summary>The sequencer refused the lead with an error.</summary>
    Failed,
}
