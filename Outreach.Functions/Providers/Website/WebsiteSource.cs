using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Firecrawl;

namespace Outreach.Functions.Providers.Website;

/// <summary>
/// The <c>website</c> source: Firecrawl when its key is set, else — or when Firecrawl fails permanently — the
/// built-in reader. Each call is paid for from the batch's budget. The result is the page address and a
/// company_summary of bounded length: title, description, then the page's main text.
/// </summary>
public sealed partial class WebsiteSource(FirecrawlClient firecrawl, WebsiteReader reader, ProviderBudget budget, IOptionsMonitor<ProviderPolicyOptions> policy)
{
    /// <summary>Reads the company website at <paramref name="url"/> for batch <paramref name="batchId"/>.</summary>
    public async Task<WebsiteFacts> ReadAsync(Guid batchId, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        string? firecrawlFailure = null;
        if (await firecrawl.IsConfiguredAsync(cancellationToken))
        {
            await budget.SpendAsync(batchId, FirecrawlClient.Descriptor.DisplayName, cancellationToken);
            try
            {
                return Summarize(await firecrawl.ScrapeAsync(url, cancellationToken), "firecrawl");
            }
            catch (PermanentProspectException ex) when (ex is not BudgetExceededException)
            {
                firecrawlFailure = ex.Message;
            }
        }

        await budget.SpendAsync(batchId, WebsiteReader.Name, cancellationToken);
        try
        {
            return Summarize(await reader.ReadAsync(url, cancellationToken), "builtin");
        }
        catch (PermanentProspectException ex) when (firecrawlFailure is not null)
        {
            throw new PermanentProspectException($"{firecrawlFailure}; then {ex.Message}", ex);
        }
    }

    private WebsiteFacts Summarize(ScrapedPage page, string source)
    {
        var max = policy.CurrentValue.MaxSummaryChars;
        var summary = new StringBuilder();
        if (page.Title is { } title)
        {
            summary.Append(title.Trim());
        }

        if (page.Description is { } description && !string.Equals(description.Trim(), page.Title?.Trim(), StringComparison.Ordinal))
        {
            summary.Append(summary.Length > 0 ? " — " : string.Empty).Append(description.Trim());
        }

        var text = Plain(page.Text);
        if (text.Length > 0)
        {
            summary.Append(summary.Length > 0 ? "\n\n" : string.Empty).Append(text);
        }

        return new WebsiteFacts(page.Url, Cut(summary.ToString(), max), source);
    }

    /// <summary>Markdown to plain text: images dropped, links reduced to their text, emphasis and heading marks removed.</summary>
    internal static string Plain(string markdown)
    {
        var text = Image().Replace(markdown, string.Empty);
        text = Link().Replace(text, "$1");
        text = Marks().Replace(text, string.Empty);
        var lines = text.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = text.LastIndexOfAny([' ', '\n'], max - 1);
        return text[..(end > max / 2 ? end : max)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(^#{1,6}\s*)|(\*\*|__|`)", RegexOptions.Multiline)]
    private static partial Regex Marks();
}
