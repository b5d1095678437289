using Outreach.Domain.Entities;

namespace Outreach.Functions.Application;

/// <summary>What enrichment found.</summary>
public sealed record EnrichmentView(
    string Status, string? CompanyWebsite, string? CompanySummary, string? LinkedinSummary, IReadOnlyList<TechStackItem> TechStack,
    IReadOnlyDictionary<string, SourceResult> Sources, string? ErrorMessage);
