using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Template;
using Outreach.Functions.Quality;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// The email by the chosen language model, or by the template when none is configured. Each draft is checked:
/// within the campaign's subject and body limits, and stating no company fact the enrichment lacks
/// (<see cref="GroundingCheck"/>), and citing in facts_used only facts that exist (at least one when the prospect has
/// specific facts). A draft that fails is sent back once with the reasons; a second failure fails the prospect with them.
/// </summary>
public sealed class LlmEmailGenerator(LlmSelector selector, ProviderBudget budget, TemplateEmailGenerator template) : IEmailGenerator
{
    /// <inheritdoc />
    public async Task<EmailDraft> GenerateAsync(
        ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var choice = await selector.ChooseAsync(cancellationToken);
        if (choice.Client is null)
        {
            return await template.GenerateAsync(prospect, enrichment, analysis, campaign, cancellationToken);
        }

        var facts = FactSheet.Of(prospect, enrichment);
        var allowed = Prompts.Facts(prospect, enrichment) + "\n" + Prompts.Brief(campaign);
        var (answer, model, usage) = await StructuredOutput.AskAsync<EmailAnswer>(
            choice, budget, prospect.BatchId, Prompts.Email(prospect, enrichment, analysis, campaign, choice.Settings!.PromptTemplates),
            choice.Options(defaultMaxTokens: 1000), a => [.. Check(a.Subject.Trim(), a.Body.Trim(), allowed, campaign), .. a.CitationProblems(facts)],
            "email", cancellationToken);
        return new EmailDraft(answer.Subject.Trim(), answer.Body.Trim(), LlmAnalyzer.ModelName(choice, model), usage, facts.Resolve(answer.FactsUsed).Found);
    }

    /// <summary>Why a draft is not acceptable; empty when it is.</summary>
    public static IReadOnlyList<string> Check(string subject, string body, string allowedText, CampaignBrief campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var problems = new List<string>();
        if (subject.Length == 0 || body.Length == 0)
        {
            problems.Add("the subject or the body is empty");
        }

        if (subject.Length > campaign.MaxSubjectChars)
        {
            problems.Add($"the subject has {subject.Length} characters (limit {campaign.MaxSubjectChars})");
        }

        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words > campaign.MaxBodyWords)
        {
            problems.Add($"the body has {words} words (limit {campaign.MaxBodyWords})");
        }

        var unsupported = GroundingCheck.Unsupported(subject, body, allowedText);
        if (unsupported.Count > 0)
        {
            problems.Add($"it states facts absent from the enrichment: {string.Join(", ", unsupported.Take(8))}");
        }

        return problems;
    }
}
