using System.Text;

namespace Outreach.Tests.Builders;

/// <summary>Builds CSV file bytes the way real exporters write them: encoding, byte order mark, separator, line ending.</summary>
internal sealed class CsvFileBuilder
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _rawLines = [];
    private string _separator = ",";
    private string _newLine = "\r\n";
    private Encoding _encoding = new UTF8Encoding(false);
    private bool _bom;
    private string[] _preamble = [];

    static CsvFileBuilder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static CsvFileBuilder WithHeader(params string[] header) => new CsvFileBuilder().Row(header);

    public CsvFileBuilder Row(params string[] fields)
    {
        _rows.Add(fields);
        _rawLines.Add(string.Join(_separator, fields.Select(Quote)));
        return this;
    }

    /// <summary>A line written exactly as given (for malformed rows).</summary>
    public CsvFileBuilder RawLine(string line)
    {
        _rawLines.Add(line);
        return this;
    }

    /// <summary>Lines written above the header, as exports put notes or a report title there.</summary>
    public CsvFileBuilder Preamble(params string[] lines)
    {
        _preamble = lines;
        return this;
    }

    public CsvFileBuilder SeparatedBy(string separator)
    {
        _separator = separator;
        RebuildLines();
        return this;
    }

    public CsvFileBuilder LineEnding(string newLine)
    {
        _newLine = newLine;
        return this;
    }

    public CsvFileBuilder Encoded(Encoding encoding, bool bom)
    {
        _encoding = encoding;
        _bom = bom;
        return this;
    }

    public CsvFileBuilder Windows1252() => Encoded(Encoding.GetEncoding(1252), bom: false);

    public byte[] Build(string? prefixLine = null)
    {
        var text = (prefixLine is null ? string.Empty : prefixLine + _newLine) + string.Concat(_preamble.Select(l => l + _newLine))
            + string.Join(_newLine, _rawLines) + _newLine;
        var preamble = _bom ? _encoding.GetPreamble() : [];
        return [.. preamble, .. _encoding.GetBytes(text)];
    }

    public MemoryStream BuildStream(string? prefixLine = null) => new(Build(prefixLine));

    private void RebuildLines()
    {
        // Rows added with Row() follow the separator; raw lines stay as written.
        var raw = _rawLines.Skip(_rows.Count).ToList();
        _rawLines.Clear();
        _rawLines.AddRange(_rows.Select(r => string.Join(_separator, r.Select(Quote))));
        _rawLines.AddRange(raw);
    }

    private string Quote(string field) =>
        field.Contains(_separator, StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal) || field.Contains('\n', StringComparison.Ordinal) || field.Contains('\r', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
