using Microsoft.Extensions.AI;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Template;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// The email by the chosen language model, or by the template when none is configured. Each draft is checked:
/// within the campaign's subject and body limits, and stating no company fact the enrichment lacks
/// (<see cref="GroundingCheck"/>). A draft that fails is sent back once with the reasons; a second failure fails the
/// prospect with them.
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

        var messages = Prompts.Email(prospect, enrichment, analysis, campaign, choice.Settings!.PromptTemplates);
        var options = choice.OptionsFor(Prompts.EmailSchema, "cold_email", defaultMaxTokens: 1000);
        var allowed = Prompts.Facts(prospect, enrichment) + "\n" + Prompts.Brief(campaign);
        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await budget.SpendAsync(prospect.BatchId, choice.DisplayName, cancellationToken);
            var (json, model) = await LlmJson.CompleteAsync(choice.Client, choice.DisplayName, messages, options, cancellationToken);
            var subject = LlmJson.Text(json, "subject") ?? string.Empty;
            var body = LlmJson.Text(json, "body") ?? string.Empty;
            problems = Check(subject, body, allowed, campaign);
            if (problems.Count == 0)
            {
                return new EmailDraft(subject, body, LlmAnalyzer.ModelName(choice, model));
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, json.GetRawText()));
            messages.Add(new ChatMessage(ChatRole.User,
                $"Rewrite the email. It was rejected because {string.Join("; ", problems)}. State only facts from the FACTS and keep within the limits."));
        }

        throw new PermanentProspectException($"{choice.DisplayName}: the email was rejected twice: {string.Join("; ", problems)}");
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
