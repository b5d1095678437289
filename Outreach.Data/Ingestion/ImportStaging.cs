using Npgsql;
using NpgsqlTypes;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Import;

namespace Outreach.Data.Ingestion;

/// <summary>
/// The staging half of an import: a temporary table (dropped at commit) that the file's rows are streamed into with
/// binary COPY as they are parsed and validated — accepted rows and rejected rows alike, each with its line — so
/// that memory does not grow with the file and the move into prospects is one set-based statement.
/// </summary>
internal sealed class ImportStaging
{
    private const string Columns = "id, line, raw, email, email_normalized, name, company, title, linkedin_url, website, additional_data, reject_reason, external_id";

    private readonly NpgsqlConnection _connection;

    private ImportStaging(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Rows staged, accepted and rejected.</summary>
    public int Rows { get; private set; }

    /// <summary>The file line of the last staged row (0 when none).</summary>
    public int LastLine { get; private set; }

    /// <summary>
    /// Seconds a set-based statement over the whole staging table may take: the connection's command timeout (30 by
    /// default) plus one per 10,000 rows, so a file near the row limit is not cut off by a timeout sized for a small one.
    /// </summary>
    public int StatementTimeoutSeconds => _connection.CommandTimeout + (Rows / 10_000);

    /// <summary>Creates the staging table inside the caller's open transaction.</summary>
    public static async Task<ImportStaging> CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, """
            CREATE TEMP TABLE import_rows (
                id uuid NOT NULL, line int NOT NULL, raw text NOT NULL, email text, email_normalized text, name text,
                company text, title text, linkedin_url text, website text, additional_data jsonb, reject_reason text, external_id text
            ) ON COMMIT DROP
            """, cancellationToken);
        return new ImportStaging(connection);
    }

    /// <summary>Streams the file into the table; returns the content's SHA-256, its size and the reader's notes. Throws <see cref="CsvFileRejectedException"/> for a file that cannot be imported.</summary>
    public async Task<(string Sha256, long Bytes, IReadOnlyList<string> Notes)> CopyRowsAsync(Func<CancellationToken, Task<Stream>> openRead, ImportOptions limits, CancellationToken cancellationToken)
    {
        await using var stream = await openRead(cancellationToken);
        await using var reader = await CsvProspectReader.OpenAsync(stream, limits, cancellationToken);
        await using (var copy = await _connection.BeginBinaryImportAsync($"COPY import_rows ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await foreach (var row in reader.ReadRowsAsync(cancellationToken))
            {
                var p = row.Prospect;
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(row.Line, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(row.Raw, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(copy, p?.Email, cancellationToken);
                await WriteTextAsync(copy, p?.EmailNormalized, cancellationToken);
                await WriteTextAsync(copy, p?.Name, cancellationToken);
                await WriteTextAsync(copy, p?.Company, cancellationToken);
                await WriteTextAsync(copy, p?.Title, cancellationToken);
                await WriteTextAsync(copy, p?.LinkedinUrl, cancellationToken);
                await WriteTextAsync(copy, p?.Website, cancellationToken);
                await copy.WriteAsync(OutreachJson.Serialize(p?.AdditionalData ?? new Dictionary<string, string>()), NpgsqlDbType.Jsonb, cancellationToken);
                await WriteTextAsync(copy, row.RejectReason, cancellationToken);
                await WriteTextAsync(copy, p?.ExternalId, cancellationToken);
                Rows++;
                LastLine = row.Line;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // The move reads the table in line ranges; the rejections join it: an index and statistics (autovacuum never
        // analyzes a temporary table) keep both from scanning or guessing.
        await Sql.ExecuteAsync(_connection, "CREATE INDEX ON import_rows (line); ANALYZE import_rows", StatementTimeoutSeconds, cancellationToken);

        return (await reader.FinishAsync(cancellationToken), reader.BytesRead, reader.Notes);
    }

    /// <summary>Rejects staged rows that are suppressed, then those whose email the campaign's dedupe scope already knows; returns the rows left.</summary>
    public async Task<int> RejectKnownProspectsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await Sql.ExecuteAsync(_connection, SuppressionLookups.RejectSuppressedImportRows, StatementTimeoutSeconds, cancellationToken);
        var sql = campaign.DedupeScope == DedupeScope.Global
            ? """
              UPDATE import_rows s SET reject_reason = 'already a prospect of campaign ''' || c.name || ''''
              FROM prospects p JOIN campaigns c ON c.id = p.campaign_id
              WHERE s.reject_reason IS NULL AND p.email_normalized = s.email_normalized
              """
            : """
              UPDATE import_rows s SET reject_reason = 'already a prospect of this campaign'
              FROM prospects p
              WHERE s.reject_reason IS NULL AND p.campaign_id = @campaign AND p.email_normalized = s.email_normalized
              """;
        await Sql.ExecuteAsync(_connection, sql, StatementTimeoutSeconds, cancellationToken, ("campaign", campaign.Id));
        return Convert.ToInt32(await Sql.ScalarAsync(_connection, "SELECT count(*) FROM import_rows WHERE reject_reason IS NULL", StatementTimeoutSeconds, cancellationToken));
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }
}
