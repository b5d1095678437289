using Outreach.Domain.Entities;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers.EnrichLayer;

namespace Outreach.Functions.Providers;

/// <summary>
/// Enrichment from the campaign's sources, best-effort per source: a source without a key is recorded as
/// <c>not_configured</c> and not called; a prospect without the input a source needs is <c>skipped</c>; a source
/// that fails is recorded with its error and the prospect goes on with what was found — unless the campaign
/// marks that source required, in which case its failure is the prospect's (a transient one is retried later by
/// the orchestration, a permanent one fails the prospect). Website and tech stack are recorded as not configured
/// until their clients exist.
/// </summary>
public sealed class ProviderEnricher(EnrichLayerClient linkedIn, TimeProvider clock) : IProspectEnricher
{
    /// <inheritdoc />
    public async Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var sources = new Dictionary<string, SourceResult>();
        string? linkedInSummary = null;
        foreach (var flag in campaign.EnrichmentFlags)
        {
            var required = campaign.RequiredEnrichment.Contains(flag);
            switch (flag)
            {
                case EnrichmentFlags.LinkedIn when !linkedIn.IsConfigured:
                    sources[flag] = new SourceResult("not_configured", "enrichlayer", null);
                    break;
                case EnrichmentFlags.LinkedIn when string.IsNullOrWhiteSpace(prospect.LinkedinUrl):
                    sources[flag] = new SourceResult("skipped", "enrichlayer", null, "The prospect has no LinkedIn URL.");
                    break;
                case EnrichmentFlags.LinkedIn:
                    try
                    {
                        var profile = await linkedIn.GetProfileAsync(prospect.LinkedinUrl!, cancellationToken);
                        linkedInSummary = profile.Describe();
                        sources[flag] = new SourceResult("ok", "enrichlayer", clock.GetUtcNow());
                    }
                    catch (Exception ex) when (!required && ex is PermanentProspectException or TransientProspectException)
                    {
                        sources[flag] = new SourceResult("failed", "enrichlayer", clock.GetUtcNow(), ex.Message);
                    }

                    break;
                default:
                    sources[flag] = new SourceResult("not_configured", null, null);
                    break;
            }
        }

        return new EnrichmentOutcome(prospect.Website, null, linkedInSummary, [], sources);
    }
}
