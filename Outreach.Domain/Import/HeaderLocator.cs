namespace Outreach.Domain.Import;

/// <summary>
/// Finds the header of an export that does not start with it. LinkedIn's Connections export begins with a
/// <c>Notes:</c> paragraph and a blank line; some CRM reports put a title and a date above the table. When the first
/// record names no email column, the first record within <see cref="MaxLines"/> lines that does (under any of the
/// separators CSV files use) is the header, and everything above it is a preamble to skip.
/// </summary>
internal static class HeaderLocator
{
    /// <summary>How far down a header is looked for.</summary>
    public const int MaxLines = 50;

    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>
    /// Where the header starts in <paramref name="sample"/> (the decoded start of the file): its character offset
    /// and 1-based line. Null when the first record is the header, when an Excel <c>sep=</c> line leads, or when no
    /// record in reach names an email column (the first line is then reported as the header that lacks one).
    /// </summary>
    public static (int Offset, int Line)? FindBelowPreamble(string sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var first = true;
        foreach (var (offset, line, text) in Records(sample))
        {
            if (line > MaxLines)
            {
                break;
            }

            var namesEmail = NamesEmail(text);
            if (first)
            {
                if (namesEmail)
                {
                    return null;
                }

                first = false;
                continue;
            }

            if (namesEmail)
            {
                return (offset, line);
            }
        }

        return null;
    }

    private static bool NamesEmail(string record) =>
        Separators.Any(separator => Cells(record, separator).Any(HeaderMapping.IsEmailHeader));

    /// <summary>Records (a quoted field may span lines) with their offset and first physical line; blank lines are skipped.</summary>
    private static IEnumerable<(int Offset, int Line, string Text)> Records(string sample)
    {
        var line = 1;
        var start = 0;
        var startLine = 1;
        var quoted = false;
        for (var i = 0; i < sample.Length; i++)
        {
            var c = sample[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                var text = sample[start..i];
                if (text.Trim().Length > 0)
                {
                    yield return (start, startLine, text);
                }

                if (c == '\r' && i + 1 < sample.Length && sample[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                start = i + 1;
                startLine = line;
            }
            else if (c is '\n' or '\r' && !(c == '\r' && i + 1 < sample.Length && sample[i + 1] == '\n'))
            {
                // A line break inside quotes: the record goes on, the line count too.
                line++;
            }
        }

        // The last record only counts when the sample holds it whole.
        if (start < sample.Length && !quoted && sample[start..].Trim().Length > 0)
        {
            yield return (start, startLine, sample[start..]);
        }
    }

    private static IEnumerable<string> Cells(string record, char separator)
    {
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in record)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                yield return cell.ToString();
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        yield return cell.ToString();
    }
}
