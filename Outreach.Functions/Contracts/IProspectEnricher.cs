namespace Outreach.Functions.Contracts;

/// <summary>Gathers facts about a prospect from the campaign's enrichment sources.</summary>
public interface IProspectEnricher
{
    /// <summary>Enriches <paramref name="prospect"/>; throws <see cref="PermanentProspectException"/> or <see cref="TransientProspectException"/> on failure.</summary>
    Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken);
}
