using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Template;

/// <summary>Analysis without an LLM: only what the imported row states, with a low confidence to say so.</summary>
public sealed class TemplateAnalyzer : IProspectAnalyzer
{
    /// <summary>The model name recorded for template output.</summary>
    public const string ModelName = "template";

    /// <inheritdoc />
    public Task<AnalysisOutcome> AnalyzeAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var opportunities = new List<string>();
        if (prospect.Title is not null)
        {
            opportunities.Add($"Role: {prospect.Title}");
        }

        if (prospect.AdditionalData.TryGetValue("Industry", out var industry))
        {
            opportunities.Add($"Industry: {industry}");
        }

        var summary = prospect.Company is null
            ? $"{prospect.Name ?? "The prospect"} ({prospect.Title ?? "role unknown"})."
            : $"{prospect.Name ?? "The prospect"} is {prospect.Title ?? "at"} {prospect.Company}.";
        return Task.FromResult(new AnalysisOutcome(
            opportunities, [], null, $"Lead with {campaign.ServiceName}: {campaign.ValueProposition}", summary, 0.3f, ["csv"], ModelName));
    }
}
