using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.BuiltWith;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.EnrichLayer;
using Outreach.Functions.Providers.Website;

namespace Outreach.Functions.Providers;

/// <summary>
/// Enrichment from the campaign's sources, best-effort per source: a source without a key is recorded as
/// <c>not_configured</c> and not called; a prospect without the input a source needs is <c>skipped</c>; a source
/// that fails is recorded with its error and the prospect goes on with what was found — unless the campaign
/// marks that source required, in which case its failure is the prospect's (a transient one is retried later by
/// the orchestration, a permanent one fails the prospect). Website and tech stack are company facts, read through
/// the per-domain cache. A spent budget fails the prospect whatever the source.
/// </summary>
public sealed class ProviderEnricher(
    EnrichLayerClient linkedIn, WebsiteSource website, BuiltWithClient builtWith, CompanyProfileCache cache, ProviderBudget budget, TimeProvider clock)
    : IProspectEnricher
{
    /// <inheritdoc />
    public async Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var sources = new Dictionary<string, SourceResult>();
        string? linkedInSummary = null;
        string? companyWebsite = prospect.Website;
        string? companySummary = null;
        IReadOnlyList<TechStackItem> techStack = [];
        var company = CompanyDomain.Of(prospect.Website, prospect.Email);
        var linkedInReady = campaign.EnrichmentFlags.Contains(EnrichmentFlags.LinkedIn) && await linkedIn.IsConfiguredAsync(cancellationToken);
        var techStackReady = campaign.EnrichmentFlags.Contains(EnrichmentFlags.TechStack) && await builtWith.IsConfiguredAsync(cancellationToken);
        foreach (var flag in campaign.EnrichmentFlags.Distinct())
        {
            var required = campaign.RequiredEnrichment.Contains(flag);
            try
            {
                switch (flag)
                {
                    case EnrichmentFlags.LinkedIn when !linkedInReady:
                        sources[flag] = new SourceResult("not_configured", "enrichlayer", null);
                        break;
                    case EnrichmentFlags.LinkedIn when string.IsNullOrWhiteSpace(prospect.LinkedinUrl):
                        sources[flag] = new SourceResult("skipped", "enrichlayer", null, "The prospect has no LinkedIn URL.");
                        break;
                    case EnrichmentFlags.LinkedIn:
                        await budget.SpendAsync(prospect.BatchId, EnrichLayerClient.Descriptor.DisplayName, cancellationToken);
                        linkedInSummary = (await linkedIn.GetProfileAsync(prospect.LinkedinUrl!, cancellationToken)).Describe();
                        sources[flag] = new SourceResult("ok", "enrichlayer", clock.GetUtcNow());
                        break;
                    case EnrichmentFlags.TechStack when !techStackReady:
                        sources[flag] = new SourceResult("not_configured", "builtwith", null);
                        break;
                    case EnrichmentFlags.Website or EnrichmentFlags.TechStack when company is null:
                        sources[flag] = new SourceResult("skipped", null, null, "No company website and no business email domain.");
                        break;
                    case EnrichmentFlags.TechStack when CompanyDomain.IsSharedPage(company.Value.Domain):
                        sources[flag] = new SourceResult("skipped", "builtwith", null, "The website is a page on a shared host, whose tech stack is not the company's.");
                        break;
                    case EnrichmentFlags.Website:
                        var (site, siteResult) = await cache.GetWebsiteAsync(
                            company.Value.Domain, ct => website.ReadAsync(prospect.BatchId, company.Value.Website, ct), cancellationToken);
                        (companyWebsite, companySummary) = (site.Website, site.Summary);
                        sources[flag] = siteResult;
                        break;
                    case EnrichmentFlags.TechStack:
                        (techStack, sources[flag]) = await cache.GetTechStackAsync(
                            company.Value.Domain,
                            "builtwith",
                            async ct =>
                            {
                                await budget.SpendAsync(prospect.BatchId, BuiltWithClient.Descriptor.DisplayName, ct);
                                return await builtWith.LookupAsync(company.Value.Domain, ct);
                            },
                            cancellationToken);
                        break;
                    default:
                        sources[flag] = new SourceResult("not_configured", null, null, $"Unknown enrichment flag '{flag}'.");
                        break;
                }
            }
            catch (Exception ex) when (!required && ex is TransientProspectException or PermanentProspectException && ex is not BudgetExceededException)
            {
                sources[flag] = new SourceResult("failed", SourceName(flag), clock.GetUtcNow(), ex.Message);
            }
        }

        return new EnrichmentOutcome(companyWebsite, companySummary, linkedInSummary, techStack, sources);
    }

    private static string? SourceName(string flag) => flag switch
    {
        EnrichmentFlags.LinkedIn => "enrichlayer",
        EnrichmentFlags.TechStack => "builtwith",
        _ => null,
    };
}
