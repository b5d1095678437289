namespace Outreach.Functions.Application;

/// <summary>A prospect with everything the pipeline produced for it.</summary>
public sealed record ProspectDetail(
    Guid Id, Guid BatchId, Guid CampaignId, int Ordinal, string? Name, string Email, string? Company, string? Title, string? LinkedinUrl, string? Website,
    string Status, string? ErrorMessage, IReadOnlyDictionary<string, string> AdditionalData, EnrichmentView? Enrichment, AnalysisView? Analysis, EmailView? GeneratedEmail);
