namespace Outreach.Functions.Contracts;

/// <summary>What the campaign asks for, for prompts and templates.</summary>
public sealed record CampaignBrief(
    Guid Id, string Name, string EmailSubject, string Prompt, IReadOnlyList<string> EnrichmentFlags, IReadOnlyList<string> RequiredEnrichment,
    string ServiceName, string ServiceDescription, string ValueProposition, int MaxSubjectChars, int MaxBodyWords);
