namespace Outreach.Domain.Entities;

/// <summary>The outcome of one enrichment source for one prospect or company.</summary>
/// <param name="Status">ok, not_configured, skipped, failed or cached.</param>
/// <param name="Source">The provider that answered, e.g. enrichlayer, firecrawl, builtin, builtwith.</param>
/// <param name="FetchedAt">When the data was fetched.</param>
/// <param name="Error">The provider's error, when it failed.</param>
public sealed record SourceResult(string Status, string? Source, DateTimeOffset? FetchedAt, string? Error = null);
