using System.Text.RegularExpressions;

namespace Outreach.Functions.Quality;

/// <summary>
/// Finds statements in an email that the facts do not support. A model that invents ("congrats on the Series B",
/// "your 40% growth") mostly does it with figures and proper names, so those are what is checked: every number
/// (except a meeting length such as "15-minute") and every capitalized word that does not start a sentence must
/// appear in the facts, the campaign or the service. Greetings, sign-offs, weekdays, months and common business
/// acronyms are allowed. It is deliberately a cheap, predictable check rather than a second model call; it cannot
/// catch an invented fact phrased in lower case ("your recent funding round").
/// </summary>
public static partial class GroundingCheck
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "i'm", "i'd", "i've", "i'll", "hi", "hello", "hey", "dear", "best", "regards", "thanks", "thank", "cheers", "sincerely", "warm", "kind", "ps",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "linkedin", "email", "ceo", "cto", "cfo", "coo", "cmo", "cio", "ciso", "vp", "ai", "b2b", "saas", "roi", "api", "apis", "crm", "erp", "hr", "it",
        "q1", "q2", "q3", "q4", "ok", "faq", "p.s",
    };

    /// <summary>The unsupported terms of <paramref name="subject"/> and <paramref name="body"/> against <paramref name="allowedText"/>, distinct, in order of appearance.</summary>
    public static IReadOnlyList<string> Unsupported(string subject, string body, string allowedText)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(allowedText);
        var corpus = allowedText.ToLowerInvariant();
        var numbers = Number().Matches(allowedText).Select(m => Digits(m.Value)).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();

        // A Title Case subject capitalizes every word, so its words say nothing; its figures still do.
        Scan(subject, checkNames: !IsTitleCase(subject), corpus, numbers, found);
        Scan(body, checkNames: true, corpus, numbers, found);
        return found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static void Scan(string text, bool checkNames, string corpus, HashSet<string> numbers, List<string> found)
    {
        foreach (Match m in Number().Matches(text))
        {
            var after = text[(m.Index + m.Length)..];
            if (MeetingLength().IsMatch(after) || numbers.Contains(Digits(m.Value)))
            {
                continue;
            }

            found.Add(m.Value.Trim());
        }

        if (!checkNames)
        {
            return;
        }

        foreach (Match m in Name().Matches(text))
        {
            var word = Possessive().Replace(m.Value, string.Empty).TrimEnd('.', '-', '\'');
            if (word.Length < 2 || StartsSentence(text, m.Index) || Allowed.Contains(word) || corpus.Contains(word.ToLowerInvariant(), StringComparison.Ordinal))
            {
                continue;
            }

            found.Add(word);
        }
    }

    private static bool StartsSentence(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c == '\n')
            {
                return true;
            }

            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '“' or '‘' or '(' or '-' or '*' or '•')
            {
                continue;
            }

            return c is '.' or '!' or '?' or ':' or ';' or '—';
        }

        return true;
    }

    private static bool IsTitleCase(string subject)
    {
        var words = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToList();
        return words.Count > 1 && words.Count(w => char.IsUpper(w[0])) * 2 > words.Count;
    }

    private static string Digits(string number) =>
        new string(number.Where(char.IsDigit).ToArray()).TrimStart('0') is { Length: > 0 } d ? d : "0";

    [GeneratedRegex(@"[$€£]?\d[\d,.]*\d?\s?(?:%|percent\b|[kKmMbB]\b|bn\b|million\b|billion\b|x\b)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\s?-?\s?(?:minute|min\b|mins\b|hour|hr\b)", RegexOptions.IgnoreCase)]
    private static partial Regex MeetingLength();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{N}&'’.\-]*")]
    private static partial Regex Name();

    [GeneratedRegex(@"['’]s$")]
    private static partial Regex Possessive();
}
