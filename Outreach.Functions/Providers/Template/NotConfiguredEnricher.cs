using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Template;

/// <summary>
/// Enrichment before the provider clients exist: every source the campaign asks for is recorded as
/// not configured, and the prospect goes on with what the CSV said.
/// </summary>
public sealed class NotConfiguredEnricher(TimeProvider clock) : IProspectEnricher
{
    /// <inheritdoc />
    public Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var sources = campaign.EnrichmentFlags.ToDictionary(f => f, _ => new SourceResult("not_configured", null, clock.GetUtcNow()));
        return Task.FromResult(new EnrichmentOutcome(prospect.Website, null, null, [], sources));
    }
}
