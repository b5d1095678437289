namespace Outreach.Domain.Entities;

/// <summary>The enrichment flags a campaign can ask for.</summary>
public static class EnrichmentFlags
{
    public const string LinkedIn = "linkedin";
    public const string Website = "website";
    public const string TechStack = "techstack";

    /// <summary>Every known flag.</summary>
    public static IReadOnlyList<string> All { get; } = [LinkedIn, Website, TechStack];
}
