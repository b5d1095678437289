using Outreach.Domain.Entities;

namespace Outreach.Functions.Providers;

/// <summary>The facts about one prospect the providers may use: what was imported, never more (the batch id pays for provider calls).</summary>
public sealed record ProspectFacts(
    Guid Id, Guid BatchId, string? Name, string Email, string? Company, string? Title, string? LinkedinUrl, string? Website, IReadOnlyDictionary<string, string> AdditionalData);

/// <summary>What the campaign asks for, for prompts and templates.</summary>
public sealed record CampaignBrief(
    Guid Id, string Name, string EmailSubject, string Prompt, IReadOnlyList<string> EnrichmentFlags, IReadOnlyList<string> RequiredEnrichment,
    string ServiceName, string ServiceDescription, string ValueProposition, int MaxSubjectChars, int MaxBodyWords);

/// <summary>What enrichment found (any part may be missing) and how each source fared.</summary>
public sealed record EnrichmentOutcome(
    string? CompanyWebsite, string? CompanySummary, string? LinkedinSummary, IReadOnlyList<TechStackItem> TechStack, IReadOnlyDictionary<string, SourceResult> Sources);

/// <summary>The analysis of one prospect.</summary>
public sealed record AnalysisOutcome(
    IReadOnlyList<string> PersonalizationOpportunities, IReadOnlyList<string> PainPoints, string? MarketPosition, string? SuggestedApproach,
    string? ExecutiveSummary, float ConfidenceScore, IReadOnlyList<string> Sources, string Model);

/// <summary>A generated email.</summary>
public sealed record EmailDraft(string Subject, string Body, string Model);

/// <summary>Gathers facts about a prospect from the campaign's enrichment sources.</summary>
public interface IProspectEnricher
{
    /// <summary>Enriches <paramref name="prospect"/>; throws <see cref="Pipeline.PermanentProspectException"/> or <see cref="Pipeline.TransientProspectException"/> on failure.</summary>
    Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken);
}

/// <summary>Analyses a prospect from its enrichment.</summary>
public interface IProspectAnalyzer
{
    /// <summary>Analyses <paramref name="prospect"/> using only <paramref name="enrichment"/>.</summary>
    Task<AnalysisOutcome> AnalyzeAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, CampaignBrief campaign, CancellationToken cancellationToken);
}

/// <summary>Writes the email.</summary>
public interface IEmailGenerator
{
    /// <summary>Writes the email for <paramref name="prospect"/> from its analysis.</summary>
    Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken);
}
