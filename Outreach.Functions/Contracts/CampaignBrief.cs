namespace Outreach.Functions.Contracts;

/// <summary>What the campaign asks for, for prompts and templates. <paramref name="EmailBody"/> null means the built-in body template.</summary>
public sealed record CampaignBrief(
    Guid Id, string Name, string EmailSubject, string Prompt, IReadOnlyList<string> EnrichmentFlags, IReadOnlyList<string> RequiredEnrichment,
    string ServiceName, string ServiceDescription, string ValueProposition, int MaxSubjectChars, int MaxBodyWords,
    string? EmailBody = null, Domain.Entities.CampaignSender? Sender = null, int MinBodyWords = 0,
    Domain.Enums.VerificationPolicy Verification = Domain.Enums.VerificationPolicy.Off);
