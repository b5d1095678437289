using Outreach.Domain.Entities;

namespace Outreach.Functions.Contracts;

/// <summary>What enrichment found (any part may be missing) and how each source fared.</summary>
public sealed record EnrichmentOutcome(
    string? CompanyWebsite, string? CompanySummary, string? LinkedinSummary, IReadOnlyList<TechStackItem> TechStack, IReadOnlyDictionary<string, SourceResult> Sources);
