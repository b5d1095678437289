namespace Outreach.Functions.Contracts;

/// <summary>Analyses a prospect from its enrichment.</summary>
public interface IProspectAnalyzer
{
    /// <summary>Analyses <paramref name="prospect"/> using only <paramref name="enrichment"/>.</summary>
    Task<AnalysisOutcome> AnalyzeAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, CampaignBrief campaign, CancellationToken cancellationToken);
}
