using System.Globalization;
using System.Text.RegularExpressions;
using Outreach.Domain.Entities;

namespace Outreach.Functions.Contracts;

/// <summary>
/// The facts about one prospect that analysis, the email and the template may use, each with an id (f1, f2, … in a
/// fixed order, so the same inputs give the same ids) and its source: <c>csv:&lt;Header&gt;</c> for the imported row,
/// <c>linkedin:&lt;profile url&gt;</c>, the website URL the text came from, <c>builtwith:&lt;domain&gt;</c> for the tech
/// stack. Every text is masked (<see cref="PromptPrivacy"/>): no email address or phone number is a fact.
/// </summary>
public sealed partial class FactSheet
{
    private const int MaxColumns = 12;
    private const int MaxColumnChars = 300;
    private const int MaxTech = 20;

    private FactSheet(IReadOnlyList<EmailFact> facts) => Facts = facts;

    /// <summary>Every fact, in id order.</summary>
    public IReadOnlyList<EmailFact> Facts { get; }

    /// <summary>
    /// The facts that say something about this prospect beyond who they are: everything except the name, the
    /// company and the website address (an email that only uses those is a mail merge, not a personal email).
    /// </summary>
    public IReadOnlyList<EmailFact> Specific => [.. Facts.Where(f => f.Source is not ("csv:Name" or "csv:Company" or "csv:Website"))];

    /// <summary>The facts of a prospect and their enrichment.</summary>
    public static FactSheet Of(ProspectFacts prospect, EnrichmentOutcome enrichment)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(enrichment);
        var facts = new List<EmailFact>();
        void Add(string source, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                facts.Add(new EmailFact($"f{(facts.Count + 1).ToString(CultureInfo.InvariantCulture)}", source, PromptPrivacy.Mask(text.Trim())));
            }
        }

        Add("csv:Name", prospect.Name);
        Add("csv:Title", prospect.Title);
        Add("csv:Company", prospect.Company);
        Add("csv:Website", prospect.Website);
        foreach (var (header, value) in prospect.AdditionalData.Where(c => PromptPrivacy.IsFactColumn(c.Key)).Take(MaxColumns))
        {
            Add($"csv:{header}", value.Length > MaxColumnChars ? value[..MaxColumnChars] : value);
        }

        Add(string.IsNullOrWhiteSpace(prospect.LinkedinUrl) ? "linkedin" : $"linkedin:{prospect.LinkedinUrl}", enrichment.LinkedinSummary);
        Add(enrichment.CompanyWebsite ?? "website", enrichment.CompanySummary);
        var domain = Uri.TryCreate(enrichment.CompanyWebsite ?? prospect.Website ?? string.Empty, UriKind.Absolute, out var site) ? site.Host : "website";
        foreach (var tech in enrichment.TechStack.Take(MaxTech))
        {
            Add($"builtwith:{domain}", tech.Category is null ? tech.Name : $"{tech.Name} ({tech.Category})");
        }

        return new FactSheet(facts);
    }

    /// <summary>The fact with <paramref name="id"/>, or null.</summary>
    public EmailFact? Find(string id) => Facts.FirstOrDefault(f => string.Equals(f.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The facts <paramref name="ids"/> name, and the ids that name none.</summary>
    public (IReadOnlyList<EmailFact> Found, IReadOnlyList<string> Unknown) Resolve(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<EmailFact>();
        var unknown = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Find(id) is { } fact)
            {
                found.Add(fact);
            }
            else
            {
                unknown.Add(id);
            }
        }

        return (found, unknown);
    }

    /// <summary>
    /// The facts a written text uses: a short fact (a title, a column's value, a technology) when its value appears
    /// in it; a long one (a profile summary, website text) when four of its words in a row do.
    /// </summary>
    public IReadOnlyList<EmailFact> UsedIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = Normalize(text);
        var grams = Grams(flat);
        return [.. Facts.Where(f =>
        {
            var value = Normalize(f.Source.StartsWith("builtwith:", StringComparison.Ordinal) ? StripCategory(f.Text) : f.Text);
            var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words.Length == 0 ? false
                : words.Length <= 6 ? Contains(flat, value)
                : Grams(value).Overlaps(grams);
        })];
    }

    /// <summary>The facts as the lines a prompt carries: <c>[f3] csv:Industry — Fintech</c>.</summary>
    public string ToPromptLines() => string.Concat(Facts.Select(f => $"[{f.Id}] {f.Source} — {f.Text}\n"));

    private static string StripCategory(string text) => text.IndexOf(" (", StringComparison.Ordinal) is > 0 and var at ? text[..at] : text;

    private static bool Contains(string haystack, string needle) => $" {haystack} ".Contains($" {needle} ", StringComparison.Ordinal);

    // Keeps "node.js" and "c#" whole, but not a sentence's full stop.
    private static string Normalize(string text) => string.Join(' ', NonWord().Split(text.ToLowerInvariant()).Select(w => w.Trim('.')).Where(w => w.Length > 0));

    private static HashSet<string> Grams(string normalized)
    {
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 4 <= words.Length; i++)
        {
            set.Add(string.Join(' ', words, i, 4));
        }

        return set;
    }

    [GeneratedRegex(@"[^\p{L}\p{N}+#.]+")]
    private static partial Regex NonWord();
}
