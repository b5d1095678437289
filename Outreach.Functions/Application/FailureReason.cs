using System.Text.RegularExpressions;

namespace Outreach.Functions.Application;

/// <summary>
/// A failed prospect's error message as a reason shared by others: the addresses, hosts and URLs that make each
/// message unique are left out, so "website: acme.example does not resolve" and "website: globex.example does not
/// resolve" count as one reason, "website: does not resolve".
/// </summary>
public static partial class FailureReason
{
    /// <summary>The reason <paramref name="message"/> gives, without the particulars of its prospect.</summary>
    public static string Of(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "(no reason recorded)";
        }

        var reason = Url().Replace(message, string.Empty);
        reason = Address().Replace(reason, string.Empty);
        reason = Host().Replace(reason, string.Empty);
        reason = Spaces().Replace(reason, " ").Replace(" .", ".", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal)
            .Replace("()", string.Empty, StringComparison.Ordinal).Trim();
        return reason.Length == 0 ? message.Trim() : reason;
    }

    /// <summary>Counts of <paramref name="messages"/> (message, prospects) merged by reason, most frequent first.</summary>
    public static IReadOnlyList<FailureCount> Group(IEnumerable<(string? Message, int Count)> messages) =>
        [.. (messages ?? []).GroupBy(m => Of(m.Message), StringComparer.Ordinal)
            .Select(g => new FailureCount(g.Key, g.Sum(m => m.Count)))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Reason, StringComparer.Ordinal)];

    [GeneratedRegex(@"\bhttps?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\S+@\S+\.\w+")]
    private static partial Regex Address();

    // Two or more dot-separated labels ending in a letter TLD: "acme.example", "www.globex.co.uk". Not "1.7" or "v2.1".
    [GeneratedRegex(@"\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\b(?![(:])", RegexOptions.IgnoreCase)]
    private static partial Regex Host();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
