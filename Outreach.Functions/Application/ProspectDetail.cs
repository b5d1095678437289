namespace Outreach.Functions.Application;

/// <summary>A prospect with everything the pipeline produced for it, and the facts (with sources) its email could use.</summary>
public sealed record ProspectDetail(
    Guid Id, Guid BatchId, Guid CampaignId, int Ordinal, string? Name, string Email, string? Company, string? Title, string? LinkedinUrl, string? Website,
    string Status, string? ErrorMessage, IReadOnlyDictionary<string, string> AdditionalData, EnrichmentView? Enrichment, AnalysisView? Analysis, EmailView? GeneratedEmail,
    IReadOnlyList<FactView> Facts, string? EmailVerification, string? EmailVerificationReason);

/// <summary>One fact about the prospect: its id, where it came from, the text, and whether the email used it.</summary>
public sealed record FactView(string Id, string Source, string Text, bool UsedByEmail);
