namespace Outreach.Functions.Contracts;

/// <summary>Writes the email.</summary>
public interface IEmailGenerator
{
    /// <summary>Writes the email for <paramref name="prospect"/> from its analysis.</summary>
    Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken);
}
