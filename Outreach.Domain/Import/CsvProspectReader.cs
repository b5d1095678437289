using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CsvHelper;

namespace Outreach.Domain.Import;

/// <summary>
/// Reads prospects from a CSV stream in one pass: sniffs the encoding, lets CsvHelper detect the separator
/// (, ; tab |, or Excel's <c>sep=</c> line), maps the header by alias, and yields every data row accepted
/// or rejected with its line and reason. Hashes and size-checks the bytes as they go by.
/// Row policy: a row with fewer fields than the header is padded with empty values (spreadsheets drop
/// trailing empty cells); a row with more non-empty fields than the header is rejected (its values are
/// likely shifted); an all-empty row is skipped; the second row with an email already seen is rejected.
/// </summary>
public sealed class CsvProspectReader : IAsyncDisposable
{
    /// <summary>Bytes sniffed for the encoding before parsing starts.</summary>
    internal const int SniffBytes = 1 << 20;

    // Rows without an email that read like a report footer are held back this many at most: when only such rows
    // follow to the end of the file they are a footer (skipped with a note), otherwise they are rejected rows.
    private const int MaxFooterRows = 20;

    // What the header search decodes: enough for HeaderLocator.MaxLines lines of any real export.
    private const int SampleBytes = 64 * 1024;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, false);

    private readonly DigestStream _digest;
    private readonly CsvReader _csv;
    private readonly ImportOptions _options;
    private readonly HashSet<long> _unterminatedRecords;
    private readonly int _lineOffset;
    private readonly List<string> _notes;

    private CsvProspectReader(
        DigestStream digest, CsvReader csv, ImportOptions options, HeaderMapping mapping, string encodingName, HashSet<long> unterminatedRecords, int lineOffset, List<string> notes)
    {
        _lineOffset = lineOffset;
        _notes = notes;
        _unterminatedRecords = unterminatedRecords;
        _digest = digest;
        _csv = csv;
        _options = options;
        Mapping = mapping;
        EncodingName = encodingName;
    }

    /// <summary>How the header maps to prospect fields.</summary>
    public HeaderMapping Mapping { get; }

    /// <summary>The encoding the file was decoded with.</summary>
    public string EncodingName { get; }

    /// <summary>The field separator in use.</summary>
    public char Separator => _csv.Separator;

    /// <summary>What the reader did that the person who sent the file should know: a preamble or footer skipped, an encoding corrected.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Rows accepted so far.</summary>
    public int AcceptedCount { get; private set; }

    /// <summary>Rows rejected so far.</summary>
    public int RejectedCount { get; private set; }

    /// <summary>Bytes read from the source so far.</summary>
    public long BytesRead => _digest.BytesRead;

    /// <summary>Opens <paramref name="source"/> and reads its header. Whole-file problems throw <see cref="CsvFileRejectedException"/>.</summary>
    public static async Task<CsvProspectReader> OpenAsync(Stream source, ImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var digest = new DigestStream(source, options.MaxFileBytes);
        try
        {
            var prefix = new byte[SniffBytes];
            var length = 0;
            int read;
            while (length < prefix.Length && (read = await digest.ReadAsync(prefix.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length == 0)
            {
                throw new CsvFileRejectedException("The file is empty.");
            }

            var (encoding, encodingName, skip) = TextEncodingSniffer.Detect(prefix.AsSpan(0, length), isWholeFile: length < prefix.Length);
            var notes = new List<string>();
            if (skip > 0)
            {
                notes.Add("The file starts with a UTF-8 byte order mark but its text is Windows-1252; it was read as Windows-1252.");
            }

            // A preamble above the header (LinkedIn's "Notes:") is cut off here, before the parser sees the file,
            // so separator detection looks at the table; line numbers keep counting from the file's first line.
            var lineOffset = 0;
            var (resolved, markLength) = TextEncodingSniffer.Resolve(prefix.AsSpan(skip, length - skip), encoding);
            var sample = resolved.GetString(prefix, skip + markLength, Math.Min(SampleBytes, length - skip - markLength));
            if (HeaderLocator.FindBelowPreamble(sample) is { } header)
            {
                skip += markLength + resolved.GetByteCount(sample.AsSpan(0, header.Offset));
                encoding = resolved;
                lineOffset = header.Line - 1;
                notes.Add(lineOffset == 1
                    ? "The header is on line 2; line 1 above it was skipped."
                    : $"The header is on line {header.Line}; lines 1-{lineOffset} above it (a preamble such as LinkedIn's \"Notes:\") were skipped.");
            }

            var unterminated = new HashSet<long>();
            var csvOptions = CsvReaderOptions.Default with
            {
                Encoding = encoding,
                TrackLineNumbers = true,
                SkipEmptyLines = true,
                AllowLineBreaksInQuotes = true,
                DetectSeparatorHint = true,
                // An unclosed quote would otherwise swallow the rest of a large file into one record.
                MaxRecordSize = Math.Max(1 << 20, options.MaxFieldChars * 4 * 64),
                OnMalformedRecord = m =>
                {
                    if (m.Reason == CsvMalformedReason.UnterminatedQuote)
                    {
                        unterminated.Add(m.RecordNumber);
                    }
                },
            };
            var csv = CsvReader.Create(new PrefixedStream(prefix.AsMemory(skip, length - skip), digest), csvOptions, leaveOpen: false);
            try
            {
                await csv.ReadHeaderAsync(cancellationToken);
                var mapping = HeaderMapping.Create(csv.Headers);
                // The callback keeps filling the same set while rows are read.
                return new CsvProspectReader(digest, csv, options, mapping, encodingName, unterminated, lineOffset, notes);
            }
            catch
            {
                await csv.DisposeAsync();
                throw;
            }
        }
        catch (CsvFormatException ex)
        {
            var rejection = await WithDigestAsync(digest, new CsvFileRejectedException($"The header cannot be read: {ex.Message}"), cancellationToken);
            await digest.DisposeAsync();
            throw rejection;
        }
        catch (CsvFileRejectedException ex)
        {
            var rejection = await WithDigestAsync(digest, ex, cancellationToken);
            await digest.DisposeAsync();
            throw rejection;
        }
        catch
        {
            await digest.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every data row, accepted or rejected, in file order.</summary>
    public async IAsyncEnumerable<ImportRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new Dictionary<UInt128, int>();
        var rows = 0;
        var footer = new List<ImportRow>();
        while (await ReadNextAsync(cancellationToken))
        {
            if (++rows > _options.MaxRows)
            {
                throw await WithDigestAsync(_digest, new CsvFileRejectedException($"The file has more than {_options.MaxRows:N0} rows (Import__MaxRows)."), cancellationToken);
            }

            var (row, footerLike) = Parse(seen);
            if (row is null)
            {
                continue;
            }

            if (footerLike && footer.Count < MaxFooterRows)
            {
                footer.Add(row);
                continue;
            }

            // Rows held back as a possible footer were not one: something else follows them.
            foreach (var held in footer)
            {
                yield return Count(held);
            }

            footer.Clear();
            yield return Count(row);
        }

        if (footer.Count > 0)
        {
            var first = footer[0];
            _notes.Add(footer.Count == 1
                ? $"Skipped a report footer on line {first.Line}: \"{Excerpt(first.Raw)}\"."
                : $"Skipped a report footer of {footer.Count} lines from line {first.Line}: \"{Excerpt(first.Raw)}\" ….");
        }
    }

    private ImportRow Count(ImportRow row)
    {
        if (row.IsAccepted)
        {
            AcceptedCount++;
        }
        else
        {
            RejectedCount++;
        }

        return row;
    }

    private static string Excerpt(string raw)
    {
        var text = raw.Replace("\"", string.Empty, StringComparison.Ordinal).Trim().TrimEnd(',', ';', '\t', '|').Trim();
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    /// <summary>Reads any bytes the parser left and returns the SHA-256 (lower-case hex) of the whole file.</summary>
    public Task<string> FinishAsync(CancellationToken cancellationToken) => _digest.FinishAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await _digest.DisposeAsync();
    }

    /// <summary>
    /// Adds the file's hash to a rejection when the rest of the file can still be read (it is bounded by the
    /// byte limit), so the same rejected content arriving again is recognised as the same upload.
    /// </summary>
    private static async Task<CsvFileRejectedException> WithDigestAsync(DigestStream digest, CsvFileRejectedException rejection, CancellationToken cancellationToken)
    {
        if (digest.LimitExceeded || rejection.ContentSha256 is not null)
        {
            return rejection;
        }

        try
        {
            return new CsvFileRejectedException(rejection.Message) { ContentSha256 = await digest.FinishAsync(cancellationToken) };
        }
        catch (CsvFileRejectedException)
        {
            return rejection;
        }
    }

    private async Task<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _csv.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new CsvFileRejectedException($"The file cannot be parsed after line {_csv.LineNumber + _lineOffset}: {ex.Message}");
        }
    }

    /// <summary>The current record as a row (null when it is empty), and whether it is a rejected row that reads like a report footer.</summary>
    private (ImportRow? Row, bool FooterLike) Parse(Dictionary<UInt128, int> seen)
    {
        var row = ParseRow(seen, out var values);
        var footerLike = row is { IsAccepted: false, RejectReason: MissingEmail }
            && values.FirstOrDefault(v => v.Trim().Length > 0) is { } first && ReportFooter.IsFooterText(first);
        return (row, footerLike);
    }

    private const string MissingEmail = "email is missing";

    private ImportRow? ParseRow(Dictionary<UInt128, int> seen, out string[] values)
    {
        var line = checked((int)_csv.LineNumber + _lineOffset);
        var raw = StrictUtf8.GetString(_csv.RawRecord);
        var fieldCount = _csv.FieldCount;
        values = new string[Math.Max(fieldCount, Mapping.Headers.Count)];
        var anyValue = false;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i < fieldCount ? _csv.GetString(i) ?? string.Empty : string.Empty;
            anyValue |= values[i].Length > 0;
        }

        if (!anyValue)
        {
            return null;
        }

        string? reason = null;
        if (_unterminatedRecords.Contains(_csv.RowNumber + 1))
        {
            // Record numbers of malformed records count the header.
            reason = "a quoted field is never closed";
        }
        else if (fieldCount > Mapping.Headers.Count && values.Skip(Mapping.Headers.Count).Any(v => v.Length > 0))
        {
            reason = $"the row has {fieldCount} fields; the header has {Mapping.Headers.Count}";
        }
        else if (values.Select((v, i) => (v, i)).FirstOrDefault(x => x.v.Length > _options.MaxFieldChars) is { v: not null } tooLong)
        {
            reason = $"field '{HeaderAt(tooLong.i)}' is {tooLong.v.Length:N0} characters; the limit is {_options.MaxFieldChars:N0} (Import__MaxFieldChars)";
        }

        if (reason is not null)
        {
            return new ImportRow(line, raw, null, reason);
        }

        var email = Entities.EmailAddress.Clean(Value(values, ProspectField.Email) ?? string.Empty);
        if (email.Length == 0)
        {
            return new ImportRow(line, raw, null, MissingEmail);
        }

        if (Entities.EmailAddress.Problem(email) is { } problem)
        {
            return new ImportRow(line, raw, null, problem);
        }

        var normalized = Entities.Prospect.NormalizeEmail(email);
        var digest = Digest(normalized);
        if (seen.TryGetValue(digest, out var firstLine))
        {
            return new ImportRow(line, raw, null, $"duplicate of line {firstLine} (same email)");
        }

        var name = Value(values, ProspectField.Name) ?? JoinName(Value(values, ProspectField.FirstName), Value(values, ProspectField.LastName));
        var (linkedin, website) = (Value(values, ProspectField.LinkedinUrl), Value(values, ProspectField.Website));
        if (linkedin is null && IsLinkedInUrl(website))
        {
            // LinkedIn's own export calls the profile link "URL", which reads as a website everywhere else.
            (linkedin, website) = (website, null);
        }

        var draft = new ProspectDraft(
            email,
            normalized,
            name,
            Value(values, ProspectField.Company),
            Value(values, ProspectField.Title),
            linkedin,
            website,
            Extras(values),
            Value(values, ProspectField.ExternalId));

        if (CheckLengths(draft) is { } lengthProblem)
        {
            return new ImportRow(line, raw, null, lengthProblem);
        }

        seen.Add(digest, line);
        return new ImportRow(line, raw, draft, null);
    }

    private string HeaderAt(int index) => index < Mapping.Headers.Count && Mapping.Headers[index].Length > 0 ? Mapping.Headers[index] : $"column {index + 1}";

    private string? Value(string[] values, ProspectField field) =>
        Mapping.FieldColumns.TryGetValue(field, out var i) && values[i].Trim() is { Length: > 0 } v ? v : null;

    // The in-file duplicate check keeps a 128-bit digest of each address rather than the address: a million rows hold
    // about a third of the memory, and two different addresses share a digest with odds of about one in 10^27.
    private static UInt128 Digest(string normalizedEmail) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(normalizedEmail.AsSpan()));

    private Dictionary<string, string> Extras(string[] values)
    {
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in Mapping.ExtraColumns)
        {
            if (values[i].Length > 0)
            {
                extras.TryAdd(Mapping.ColumnKeys[i], values[i]);
            }
        }

        return extras;
    }

    private static bool IsLinkedInUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase));

    private static string? JoinName(string? first, string? last) =>
        first is null && last is null ? null : string.Join(' ', new[] { first, last }.Where(p => p is not null));

    // The prospects table's column sizes: a longer value would fail the COPY for the whole file.
    private static string? CheckLengths(ProspectDraft draft) =>
        TooLong("name", draft.Name, 300) ?? TooLong("company", draft.Company, 300) ?? TooLong("title", draft.Title, 300)
        ?? TooLong("linkedin_url", draft.LinkedinUrl, 2048) ?? TooLong("website", draft.Website, 2048)
        ?? TooLong("external_id", draft.ExternalId, Entities.Prospect.MaxExternalIdChars);

    private static string? TooLong(string field, string? value, int limit) =>
        value is not null && value.Length > limit ? $"{field} is {value.Length:N0} characters; the limit is {limit:N0}" : null;
}
