using Outreach.Domain.Entities;

namespace Outreach.Functions.Contracts;

/// <summary>What enrichment found (any part may be missing) and how each source fared.</summary>
public sealed record EnrichmentOutcome(
    string? CompanyWebsite, string? CompanySummary, string? LinkedinSummary, IReadOnlyList<TechStackItem> TechStack, IReadOnlyDictionary<string, SourceResult> Sources)
{
    /// <summary>A stored enrichment, or nothing found when there is none.</summary>
    public static EnrichmentOutcome Of(ProspectEnrichment? row) => row is null
        ? new EnrichmentOutcome(null, null, null, [], new Dictionary<string, SourceResult>())
        : new EnrichmentOutcome(row.CompanyWebsite, row.CompanySummary, row.LinkedinSummary, row.TechStack, row.EnrichmentData);
}
