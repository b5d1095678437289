using Outreach.Functions.Contracts;
using Outreach.Functions.Templating;

namespace Outreach.Functions.Providers.Template;

/// <summary>
/// Analysis without an LLM: only what the imported row and the enrichment state — the role, the industry column,
/// the LinkedIn headline, the company's own summary, the tech stack — each named with its source, and a low
/// confidence to say that nothing was inferred.
/// </summary>
public sealed class TemplateAnalyzer : IProspectAnalyzer
{
    /// <summary>The model name recorded for template output.</summary>
    public const string ModelName = "template";

    /// <inheritdoc />
    public Task<AnalysisOutcome> AnalyzeAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var model = TemplateModel.For(prospect, enrichment, campaign);
        var opportunities = new List<string>();
        var sources = new List<string> { "csv" };
        if (model.Title is not null)
        {
            opportunities.Add($"Role: {model.Title}");
        }

        if (model.Csv.TryGetValue("Industry", out var industry) && industry.Length > 0)
        {
            opportunities.Add($"Industry: {industry}");
        }

        if (model.LinkedinHeadline is not null)
        {
            opportunities.Add($"LinkedIn headline: {model.LinkedinHeadline}");
            sources.Add("linkedin");
        }

        if (model.CompanySummary is not null)
        {
            opportunities.Add($"Company, in its own words: {Shortened(model.CompanySummary, 200)}");
            sources.Add("website");
        }

        if (model.TechStack.Count > 0)
        {
            opportunities.Add($"Tech stack: {string.Join(", ", model.TechStack.Take(5))}");
            sources.Add("techstack");
        }

        return Task.FromResult(new AnalysisOutcome(
            opportunities, [], null, $"Lead with {campaign.ServiceName}: {campaign.ValueProposition}", Summary(model), 0.3f, sources, ModelName));
    }

    private static string Summary(TemplateModel model)
    {
        var who = model.Name ?? "The prospect";
        return (model.Title, model.Company) switch
        {
            ({ } title, { } company) => $"{who} is {title} at {company}.",
            (null, { } company) => $"{who} works at {company}.",
            ({ } title, null) => $"{who} is {title}.",
            _ => $"{who}: the row gives no role or company.",
        };
    }

    private static string Shortened(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
