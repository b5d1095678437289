using System.Text.RegularExpressions;

namespace Outreach.Domain.Import;

/// <summary>
/// Recognises the lines report exports add after the table — Salesforce's "Grand Totals (3 records)",
/// "Confidential Information - Do Not Distribute", "Copyright (c) 2000-2024 salesforce.com, inc. All rights
/// reserved.", a "Filtered By:" or "Generated on" line. Only a row without an email whose first value reads like
/// one is a candidate; the reader skips such rows when nothing but more of them follows to the end of the file.
/// </summary>
internal static partial class ReportFooter
{
    /// <summary>Whether <paramref name="firstValue"/> (the row's first non-empty value) reads like a report footer line.</summary>
    public static bool IsFooterText(string firstValue)
    {
        ArgumentNullException.ThrowIfNull(firstValue);
        return FooterPattern().IsMatch(firstValue.Trim());
    }

    [GeneratedRegex(
        @"^(grand\s+totals?|totals?\b|sub-?totals?\b|confidential|copyright|©|\(c\)\s|all\s+rights\s+reserved|(report\s+)?generated\s+(by|on|at)\b|filtered\s+by\b|exported\s+(by|on|from|at)\b|powered\s+by\b|end\s+of\s+report)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FooterPattern();
}
