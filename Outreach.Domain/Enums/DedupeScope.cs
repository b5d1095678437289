namespace Outreach.Domain.Enums;

/// <summary>Which earlier prospects an upload is deduplicated against (always also within the file).</summary>
public enum DedupeScope
{
    /// <summary>Skip emails already in this campaign.</summary>
    Campaign,
    /// <summary>Skip emails already in any campaign.</summary>
    Global,
}
