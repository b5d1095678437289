using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>A prospect as imported and as far as it got, with its enrichment and analysis when it has them.</summary>
public sealed record ProspectDetailRow(
    Guid Id,
    Guid BatchId,
    Guid CampaignId,
    int Ordinal,
    string? Name,
    string Email,
    string? Company,
    string? Title,
    string? LinkedinUrl,
    string? Website,
    ProspectStatus Status,
    string? ErrorMessage,
    IReadOnlyDictionary<string, string> AdditionalData,
    EmailVerification? EmailVerification,
    string? EmailVerificationReason,
    EnrichmentRow? Enrichment,
    AnalysisRow? Analysis);
