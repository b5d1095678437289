using Outreach.Domain.Import;

namespace Outreach.Functions.Application;

/// <summary>
/// What an upload of a file would accept and reject — the mapping of each header, the accepted count, every rejected
/// row with its line and reason, the detected encoding and separator, the notes — read without storing anything:
/// <c>outreach validate</c> and <c>POST /api/uploads/preview</c> (the console's dry run) answer with it.
/// </summary>
public sealed record UploadPreview(
    int Accepted, IReadOnlyList<RejectedRowView> Rejected, IReadOnlyDictionary<string, string> Mapping, string Encoding, string Separator,
    IReadOnlyList<string> Headers, IReadOnlyList<string> Notes)
{
    /// <summary>Reads <paramref name="csv"/> as the importer would; a file no upload could take throws <see cref="CsvFileRejectedException"/>.</summary>
    public static async Task<UploadPreview> ReadAsync(Stream csv, ImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(options);
        await using var reader = await CsvProspectReader.OpenAsync(csv, options, cancellationToken);
        var rejected = new List<RejectedRowView>();
        await foreach (var row in reader.ReadRowsAsync(cancellationToken))
        {
            if (!row.IsAccepted)
            {
                rejected.Add(new RejectedRowView(row.Line, row.RejectReason!));
            }
        }

        return new UploadPreview(reader.AcceptedCount, rejected, reader.Mapping.Describe(), reader.EncodingName, reader.Separator.ToString(), reader.Mapping.Headers, reader.Notes);
    }
}
