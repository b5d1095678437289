using Outreach.Functions.Contracts;
using Outreach.Functions.Templating;

namespace Outreach.Functions.Providers.Template;

/// <summary>
/// Email without an LLM: the campaign's subject and body templates (Liquid; the built-in body when the campaign has
/// none) rendered with the prospect's row, what enrichment found, the service and the sender — the default when no
/// LLM key is set. It states no fact it was not given: every value comes from the prospect's own data.
/// </summary>
public sealed class TemplateEmailGenerator : IEmailGenerator
{
    /// <inheritdoc />
    public Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var model = TemplateModel.For(prospect, enrichment, campaign);
        string subject, body;
        try
        {
            subject = EmailTemplates.Render(campaign.EmailSubject, model).ReplaceLineEndings(" ");
            body = EmailTemplates.Render(campaign.EmailBody ?? EmailTemplates.DefaultBody, model);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Fluid.FluidException or Domain.StatusRules.DomainValidationException)
        {
            // Templates are checked when the campaign is saved; one that still fails is the campaign's problem, not a blip.
            throw new PermanentProspectException($"The campaign's template cannot be rendered: {ex.Message}");
        }

        if (subject.Length > campaign.MaxSubjectChars)
        {
            subject = subject[..campaign.MaxSubjectChars].TrimEnd();
        }

        body = LimitWords(body, campaign.MaxBodyWords);
        var used = FactSheet.Of(prospect, enrichment).UsedIn(subject + "\n" + body);
        return Task.FromResult(new EmailDraft(subject, body, TemplateAnalyzer.ModelName, FactsUsed: used));
    }

    private static string LimitWords(string text, int maxWords)
    {
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && (i == 0 || char.IsWhiteSpace(text[i - 1])) && ++words > maxWords)
            {
                return text[..i].TrimEnd();
            }
        }

        return text;
    }
}
