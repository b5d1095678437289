using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Template;

namespace Outreach.Functions.Providers.Llm;

/// <summary>Analysis by the chosen language model, or by the template when none is configured.</summary>
public sealed class LlmAnalyzer(LlmSelector selector, ProviderBudget budget, TemplateAnalyzer template) : IProspectAnalyzer
{
    /// <inheritdoc />
    public async Task<AnalysisOutcome> AnalyzeAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        var choice = await selector.ChooseAsync(cancellationToken);
        if (choice.Client is null)
        {
            return await template.AnalyzeAsync(prospect, enrichment, campaign, cancellationToken);
        }

        await budget.SpendAsync(prospect.BatchId, choice.DisplayName, cancellationToken);
        var (json, model) = await LlmJson.CompleteAsync(
            choice.Client,
            choice.DisplayName,
            Prompts.Analysis(prospect, enrichment, campaign, choice.Settings!.PromptTemplates),
            choice.OptionsFor(Prompts.AnalysisSchema, "prospect_analysis", defaultMaxTokens: 1500),
            cancellationToken);
        var confidence = json.TryGetProperty("confidence_score", out var c) && c.TryGetDouble(out var d) ? (float)Math.Clamp(d, 0, 1) : 0f;
        return new AnalysisOutcome(
            LlmJson.Strings(json, "personalization_opportunities"),
            LlmJson.Strings(json, "pain_points"),
            LlmJson.Text(json, "market_position"),
            LlmJson.Text(json, "suggested_approach"),
            LlmJson.Text(json, "executive_summary"),
            confidence,
            [.. LlmJson.Strings(json, "sources").Where(Prompts.SourceNames.Contains).Distinct()],
            ModelName(choice, model));
    }

    internal static string ModelName(LlmChoice choice, string? model) => $"{choice.Provider}:{model ?? choice.Settings?.Model ?? "default"}";
}
