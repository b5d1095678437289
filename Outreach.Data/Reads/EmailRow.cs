using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>A generated email as a reviewer reads it, with the name, address, company and address check of the prospect it was written for.</summary>
public sealed record EmailRow(
    Guid Id,
    Guid ProspectId,
    string? Name,
    string Email,
    string? Company,
    string? Subject,
    string? Body,
    GenerationStatus GenerationStatus,
    ReviewStatus ReviewStatus,
    string? Model,
    DateTimeOffset? GeneratedAt,
    DateTimeOffset? ReviewedAt,
    IReadOnlyList<string> QualityFlags,
    IReadOnlyList<EmailFact> FactsUsed,
    int? PromptTokens,
    int? CompletionTokens,
    string? ReviewNote,
    string? OriginalSubject,
    string? OriginalBody,
    DateTimeOffset? EditedAt,
    EmailVerification? EmailVerification);
