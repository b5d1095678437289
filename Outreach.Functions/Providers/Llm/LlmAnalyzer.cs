using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Template;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Analysis by the chosen language model, or by the template when none is configured. Each opportunity must cite the
/// facts it rests on; the analysis's sources are the sources of the facts cited.
/// </summary>
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

        var facts = FactSheet.Of(prospect, enrichment);
        var (answer, model, usage) = await StructuredOutput.AskAsync<AnalysisAnswer>(
            choice, budget, prospect.BatchId, Prompts.Analysis(prospect, enrichment, campaign, choice.Settings!.PromptTemplates),
            choice.Options(defaultMaxTokens: 1500), a => a.Problems(facts), "analysis", cancellationToken);
        var sources = answer.PersonalizationOpportunities.SelectMany(o => facts.Resolve(o.FactIds).Found).Select(f => f.Source).Distinct();
        return new AnalysisOutcome(
            [.. answer.PersonalizationOpportunities.Select(o => $"{o.Text} [{string.Join(", ", o.FactIds)}]")], answer.PainPoints, answer.MarketPosition,
            answer.SuggestedApproach, answer.ExecutiveSummary, (float)answer.ConfidenceScore, [.. sources], ModelName(choice, model), usage);
    }

    internal static string ModelName(LlmChoice choice, string? model) => $"{choice.ProviderId}:{model ?? choice.Model ?? "default"}";
}
