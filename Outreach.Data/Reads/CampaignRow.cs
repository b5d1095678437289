using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>A campaign's stored settings, as the campaign views show them.</summary>
public sealed record CampaignRow(
    Guid Id,
    string Name,
    string EmailSubject,
    string Prompt,
    IReadOnlyList<string> EnrichmentFlags,
    IReadOnlyList<string> RequiredEnrichment,
    Guid ServiceId,
    DedupeScope DedupeScope,
    int MaxSubjectChars,
    int MaxBodyWords,
    DateTimeOffset CreatedAt,
    string? EmailBody,
    string? SenderName,
    string? SenderTitle,
    string? SenderCompany,
    int MinBodyWords,
    VerificationPolicy Verification,
    string? Footer,
    string? Unsubscribe);
