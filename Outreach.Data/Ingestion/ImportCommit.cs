using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Data.Ingestion;

/// <summary>
/// The commit half of an import, inside the staging transaction: the accepted staged rows become the batch's
/// prospects (numbered in file order) and the upload becomes IMPORTED with its rejected rows, built in the database
/// from the staging table — one statement each, whatever the file's size.
/// </summary>
internal static class ImportCommit
{
    /// <summary>Moves the accepted rows into prospects of <paramref name="batchId"/>, PENDING.</summary>
    public static Task MoveProspectsAsync(NpgsqlConnection connection, Guid campaignId, Guid batchId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, """
            INSERT INTO prospects (id, campaign_id, batch_id, ordinal, name, email, email_normalized, company, title,
                                   linkedin_url, website, status, additional_data, external_id, created_at, updated_at)
            SELECT id, @campaign, @batch, (row_number() OVER (ORDER BY line) - 1)::int, name, email, email_normalized, company, title,
                   linkedin_url, website, @pending, additional_data, external_id, @now, @now
            FROM import_rows WHERE reject_reason IS NULL
            """, cancellationToken, ("campaign", campaignId), ("batch", batchId), ("now", now), ("pending", ProspectStatus.Pending));

    /// <summary>RECEIVED → IMPORTED, with the rejected rows; returns how many were rejected.</summary>
    public static async Task<int> FinishUploadAsync(
        NpgsqlConnection connection, Guid uploadId, Guid batchId, int accepted, IReadOnlyList<string> notes, DateTimeOffset now, CancellationToken cancellationToken)
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
