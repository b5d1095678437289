using System.Text;
using System.Text.RegularExpressions;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Template;

/// <summary>
/// Email without an LLM: the campaign's subject template and a short body built from the prospect's own
/// row and the service — the default when no LLM key is set. It states no fact it was not given.
/// </summary>
public sealed partial class TemplateEmailGenerator : IEmailGenerator
{
    /// <inheritdoc />
    public Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var firstName = prospect.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var subject = Fill(campaign.EmailSubject, prospect);
        if (subject.Length > campaign.MaxSubjectChars)
        {
            subject = subject[..campaign.MaxSubjectChars].TrimEnd();
        }

        var body = new StringBuilder()
            .Append(firstName is null ? "Hello," : $"Hi {firstName},").Append("\n\n")
            .Append(prospect.Company is null
                ? $"I'm reaching out about {campaign.ServiceName}. "
                : $"I'm reaching out because teams like {prospect.Company}'s often ask us about {campaign.ServiceName}. ")
            .Append(campaign.ValueProposition.TrimEnd('.')).Append(".\n\n")
            .Append("Would a 20-minute call next week be useful?\n\nBest regards")
            .ToString();
        return Task.FromResult(new EmailDraft(subject, LimitWords(body, campaign.MaxBodyWords), TemplateAnalyzer.ModelName));
    }

    private static string Fill(string template, ProspectFacts prospect) => Placeholder().Replace(template, m => m.Groups[1].Value.ToLowerInvariant() switch
    {
        "company" => prospect.Company ?? "your team",
        "name" => prospect.Name ?? "there",
        "first_name" or "firstname" => prospect.Name?.Split(' ')[0] ?? "there",
        "title" => prospect.Title ?? "your role",
        _ => m.Value,
    });

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

    [GeneratedRegex(@"\{\{\s*([A-Za-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
