using Outreach.Domain.Enums;

namespace Outreach.Domain.Entities;

/// <summary>A CSV row that was not imported: where it was, why, and the row as it was read.</summary>
/// <param name="Line">1-based physical line number of the record's first line in the file.</param>
/// <param name="Reason">Why the row was rejected.</param>
/// <param name="Raw">The raw record text.</param>
public sealed record RejectedRow(int Line, string Reason, string Raw);

/// <summary>One technology found on a company's site.</summary>
public sealed record TechStackItem(string Name, string? Category);

/// <summary>The outcome of one enrichment source for one prospect or company.</summary>
/// <param name="Status">ok, not_configured, skipped, failed or cached.</param>
/// <param name="Source">The provider that answered, e.g. enrichlayer, firecrawl, builtin, builtwith.</param>
/// <param name="FetchedAt">When the data was fetched.</param>
/// <param name="Error">The provider's error, when it failed.</param>
public sealed record SourceResult(string Status, string? Source, DateTimeOffset? FetchedAt, string? Error = null);

/// <summary>A workflow step and when it was left.</summary>
public sealed record CompletedStep(WorkflowStep Step, DateTimeOffset CompletedAt);

/// <summary>The enrichment flags a campaign can ask for.</summary>
public static class EnrichmentFlags
{
    public const string LinkedIn = "linkedin";
    public const string Website = "website";
    public const string TechStack = "techstack";

    /// <summary>Every known flag.</summary>
    public static IReadOnlyList<string> All { get; } = [LinkedIn, Website, TechStack];
}
