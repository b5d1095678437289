using System.Text.RegularExpressions;
using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Quality;

/// <summary>
/// The checks every email passes before a person reviews it, whether a model or a template wrote it: length within
/// the campaign's bounds, exactly one call to action, no unfilled placeholder, no figure the facts do not state, at
/// least one prospect-specific fact when there is one, and no spam-trigger phrasing. Each finding is a flag in words a
/// reviewer can act on; a flagged email is not failed (it may still be fine) but waits in review as NEEDS_ATTENTION.
/// The duplicate-body check needs the batch, so the caller adds it (<see cref="DuplicateFlag"/>).
/// </summary>
public static partial class QualityGate
{
    /// <summary>Phrases that spam filters and readers both distrust; short on purpose, so a hit means something.</summary>
    public static IReadOnlyList<string> SpamPhrases { get; } =
    [
        "act now", "limited time", "click here", "buy now", "100% free", "risk-free", "risk free", "no obligation", "guaranteed",
        "once in a lifetime", "dear friend", "special promotion", "exclusive deal", "double your", "earn money", "cash bonus",
        "this is not spam", "urgent", "winner", "congratulations, you",
    ];

    // Phrases that ask the reader to do something; a question is one too.
    private static readonly string[] CallCues =
    [
        "let me know", "open to", "worth a", "book a", "book time", "schedule", "grab time", "grab a", "hop on", "jump on", "reply",
        "calendar", "set up a call", "set up a time", "would you be", "are you free", "can we", "could we", "shall we",
    ];

    /// <summary>The flags of one email; empty when it passes.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="body">The body.</param>
    /// <param name="campaign">The campaign's bounds.</param>
    /// <param name="facts">The prospect's facts.</param>
    /// <param name="used">The facts the email used.</param>
    public static IReadOnlyList<string> Assess(string subject, string body, CampaignBrief campaign, FactSheet facts, IReadOnlyList<EmailFact> used)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(used);
        var flags = new List<string>();
        var words = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words < campaign.MinBodyWords || words > campaign.MaxBodyWords)
        {
            flags.Add($"the body has {words} words; the campaign asks for {campaign.MinBodyWords}–{campaign.MaxBodyWords}");
        }

        var calls = Sentences(body).Count(IsCallToAction);
        if (calls != 1)
        {
            flags.Add(calls == 0 ? "no call to action" : $"{calls} calls to action (one clear ask works better)");
        }

        if (Placeholder().Match(subject + "\n" + body) is { Success: true } placeholder)
        {
            flags.Add($"an unfilled placeholder: {placeholder.Value}");
        }

        var allowed = string.Join('\n', facts.Facts.Select(f => f.Text)) + "\n" + campaign.ServiceName + "\n" + campaign.ServiceDescription + "\n"
            + campaign.ValueProposition + "\n" + campaign.Prompt + "\n" + campaign.EmailSubject + "\n" + campaign.EmailBody;
        var figures = GroundingCheck.Unsupported(subject, body, allowed).Where(t => t.Any(char.IsAsciiDigit)).ToList();
        if (figures.Count > 0)
        {
            flags.Add($"figures the facts do not state: {string.Join(", ", figures.Take(5))}");
        }

        var specific = facts.Specific;
        if (specific.Count > 0 && !used.Any(u => specific.Any(s => s.Id == u.Id)))
        {
            flags.Add("it uses no fact about the prospect beyond name and company");
        }

        var text = $" {(subject + " " + body).ToLowerInvariant()} ";
        var spam = SpamPhrases.Where(p => text.Contains(p, StringComparison.Ordinal)).ToList();
        if (spam.Count > 0)
        {
            flags.Add($"spam-trigger phrasing: {string.Join(", ", spam.Select(p => $"\"{p}\""))}");
        }

        return flags;
    }

    /// <summary>The flag of an email whose body another email of the batch already has.</summary>
    public static string DuplicateFlag(Guid otherProspectId) => $"the same body as the email to prospect {otherProspectId}";

    private static IEnumerable<string> Sentences(string body) =>
        SentenceEnd().Split(body).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static bool IsCallToAction(string sentence)
    {
        if (sentence.EndsWith('?'))
        {
            return true;
        }

        var lower = sentence.ToLowerInvariant();
        return CallCues.Any(c => lower.Contains(c, StringComparison.Ordinal));
    }

    // Splits after ., ! or ? followed by space, and at blank lines (a sign-off has no full stop).
    [GeneratedRegex(@"(?<=[.!?])\s+|\n\s*\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\{\{|\{%|%\}|\}\}|\[(?:first[ _]?name|last[ _]?name|name|company|title|your name)\]|<(?:first_?name|company|name)>|\{(?:first_?name|company|name)\}|\bTODO\b|lorem ipsum", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
