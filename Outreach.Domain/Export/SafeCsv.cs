using System.Text;

namespace Outreach.Domain.Export;

/// <summary>
/// RFC 4180 output that spreadsheets cannot execute: a cell starting with = + - @ tab, CR or NUL gets a
/// leading apostrophe (OWASP's CSV-injection advice), and fields with a comma, quote or line break are quoted
/// with inner quotes doubled. Rows end with CRLF.
/// </summary>
public static class SafeCsv
{
    /// <summary>The text of one field.</summary>
    public static string Field(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>The text of one row, CRLF-terminated.</summary>
    public static string Row(params string?[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var sb = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Field(fields[i]));
        }

        return sb.Append("\r\n").ToString();
    }
}
