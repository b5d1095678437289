using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>What enrichment found for a prospect and how each source fared.</summary>
public sealed record EnrichmentRow(
    EnrichmentStatus Status,
    string? CompanyWebsite,
    string? CompanySummary,
    string? LinkedinSummary,
    IReadOnlyList<TechStackItem> TechStack,
    IReadOnlyDictionary<string, SourceResult> Sources,
    string? ErrorMessage);
