using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Data.Ingestion;

/// <summary>
/// The commit half of an import, inside the staging transaction: the accepted staged rows become the batch's
/// prospects (numbered in file order) and the upload becomes IMPORTED with its rejected rows, built in the database
/// from the staging table — the move in steps of <see cref="LinesPerStep"/> file lines, so no statement's time grows
/// with the file (a million rows in one statement outlasted the command timeout).
/// </summary>
internal static class ImportCommit
{
    /// <summary>File lines moved by one statement.</summary>
    public const int LinesPerStep = 50_000;

    /// <summary>Moves the accepted rows into prospects of <paramref name="batchId"/>, PENDING, numbered in file order.</summary>
    public static async Task MoveProspectsAsync(NpgsqlConnection connection, Guid campaignId, Guid batchId, int lastLine, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Each step numbers its rows after those of the steps before it; the staging table is indexed by line.
        var moved = 0;
        for (var after = 0; after < lastLine; after += LinesPerStep)
        {
            moved += Convert.ToInt32(await Sql.ScalarAsync(connection, """
                WITH inserted AS (
                    INSERT INTO prospects (id, campaign_id, batch_id, ordinal, name, email, email_normalized, company, title,
                                           linkedin_url, website, status, additional_data, external_id, created_at, updated_at)
                    SELECT id, @campaign, @batch, (@moved + row_number() OVER (ORDER BY line) - 1)::int, name, email, email_normalized, company, title,
                           linkedin_url, website, @pending, additional_data, external_id, @now, @now
                    FROM import_rows WHERE reject_reason IS NULL AND line > @after AND line <= @upTo
                    RETURNING 1)
                SELECT count(*)::int FROM inserted
                """,
                cancellationToken,
                ("campaign", campaignId), ("batch", batchId), ("now", now), ("pending", ProspectStatus.Pending),
                ("moved", moved), ("after", after), ("upTo", after + LinesPerStep)), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>RECEIVED → IMPORTED, with the rejected rows; returns how many were rejected.</summary>
    public static async Task<int> FinishUploadAsync(
        NpgsqlConnection connection, Guid uploadId, Guid batchId, int accepted, IReadOnlyList<string> notes, int timeoutSeconds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rejected = await Sql.ScalarAsync(connection, """
            UPDATE csv_uploads u SET
                status = @imported, batch_id = @batch, rows_accepted = @accepted,
                rows_rejected = r.n, rows_total = @accepted + r.n, rejected_rows = r.rows, notes = @notes::jsonb,
                processed_at = @now, updated_at = @now
            FROM (SELECT count(*)::int AS n,
                         coalesce(jsonb_agg(jsonb_build_object('line', line, 'reason', reject_reason, 'raw', raw) ORDER BY line), '[]') AS rows
                  FROM import_rows WHERE reject_reason IS NOT NULL) r
            WHERE u.id = @upload AND u.status = ANY(@from)
            RETURNING r.n
            """,
            timeoutSeconds,
            cancellationToken,
            ("batch", batchId),
            ("accepted", accepted),
            ("notes", OutreachJson.Serialize(notes)),
            ("now", now),
            ("upload", uploadId),
            ("imported", UploadStatus.Imported),
            ("from", StatusTransitions.Allowed(Rules.Upload, [UploadStatus.Received], UploadStatus.Imported)));
        return Convert.ToInt32(rejected);
    }
}
