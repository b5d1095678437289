using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Persistence;

namespace Outreach.Domain.Import;

/// <summary>Where an uploaded file came from: its blob coordinates and the campaign segment of its path.</summary>
/// <param name="Container">Storage container (prospect-uploads).</param>
/// <param name="BlobName">Full blob name, <c>{campaign}/{file}</c>.</param>
/// <param name="ETag">The blob version's ETag.</param>
/// <param name="SizeBytes">The blob's size, checked before reading.</param>
/// <param name="CampaignReference">The campaign id or name from the path.</param>
public sealed record UploadSource(string Container, string BlobName, string ETag, long SizeBytes, string CampaignReference);

/// <summary>What became of an upload.</summary>
/// <param name="UploadId">The csv_uploads row.</param>
/// <param name="Status">IMPORTED or FAILED.</param>
/// <param name="BatchId">The batch, when rows were imported.</param>
/// <param name="BatchStatus">The batch's status now (a redelivery may find it already running).</param>
/// <param name="AlreadyIngested">True when this blob version or this content was received before: nothing new was written.</param>
/// <param name="RowsAccepted">Prospects created.</param>
/// <param name="RowsRejected">Rows rejected (kept with line and reason).</param>
/// <param name="ErrorMessage">Why the whole file failed.</param>
public sealed record IngestionResult(
    Guid UploadId, UploadStatus Status, Guid? BatchId, BatchStatus? BatchStatus, bool AlreadyIngested, int RowsAccepted, int RowsRejected, string? ErrorMessage);

/// <summary>
/// Turns an uploaded CSV into a batch. One transaction writes the csv_uploads row, the batch, the
/// prospects and the workflow session, or nothing. Rows are streamed: parsed, validated and sent with
/// binary COPY to a temporary staging table as they are read, then moved into prospects by one set-based
/// statement that applies the campaign's dedupe scope and numbers the ordinals — memory does not grow
/// with the file beyond the in-file duplicate check. A second delivery of the same blob version, or of
/// the same content for the campaign, finds the first upload and writes nothing.
/// </summary>
public sealed class UploadIngestor(
    IDbContextFactory<OutreachDbContext> contexts,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<UploadIngestor> logger)
{
    private const string StagingColumns = "id, line, raw, email, email_normalized, name, company, title, linkedin_url, website, additional_data, reject_reason";

    /// <summary>Ingests the file at <paramref name="source"/>, opened by <paramref name="openRead"/> only when it has to be read.</summary>
    public async Task<IngestionResult> IngestAsync(UploadSource source, Func<CancellationToken, Task<Stream>> openRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(openRead);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A RECEIVED row for this blob version was written by the upload API before the blob was announced;
        // this delivery imports into it. Any other row means the blob was delivered before.
        Guid? posted = null;
        if (await FindExistingAsync(db, source, contentSha256: null, campaignId: null, cancellationToken) is { } redelivered)
        {
            if (redelivered.Status != UploadStatus.Received)
            {
                return redelivered;
            }

            posted = redelivered.UploadId;
        }

        var campaign = await FindCampaignAsync(db, source.CampaignReference, cancellationToken);
        if (campaign is null)
        {
            return await RecordFailureAsync(source, null, null, $"No campaign with id or name '{source.CampaignReference}'. Upload to prospect-uploads/{{campaign id or name}}/{{file}}.csv.", posted, cancellationToken);
        }

        var limits = options.Value;
        if (source.SizeBytes > limits.MaxFileBytes)
        {
            return await RecordFailureAsync(source, campaign.Id, null, $"The file is {source.SizeBytes:N0} bytes; the limit is {limits.MaxFileBytes:N0} bytes (Import__MaxFileBytes).", posted, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await ExecuteAsync(connection, $"""
            CREATE TEMP TABLE import_rows (
                id uuid NOT NULL, line int NOT NULL, raw text NOT NULL, email text, email_normalized text, name text,
                company text, title text, linkedin_url text, website text, additional_data jsonb, reject_reason text
            ) ON COMMIT DROP
            """, cancellationToken);

        string sha256;
        long bytesRead;
        try
        {
            (sha256, bytesRead) = await StageRowsAsync(connection, openRead, limits, cancellationToken);
        }
        catch (CsvFileRejectedException ex)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RecordFailureAsync(source, campaign.Id, ex.ContentSha256, ex.Message, posted, cancellationToken);
        }

        // The same content for this campaign was imported before (a copy under another name, or a re-upload):
        // find it without provoking the unique key, which stays the guard against two deliveries at once.
        if (await FindExistingAsync(db, source, sha256, campaign.Id, cancellationToken, except: posted) is { } sameContent)
        {
            await transaction.RollbackAsync(cancellationToken);
            return posted is { } id ? await MarkPostedSameAsAsync(id, sameContent, cancellationToken) : sameContent;
        }

        var now = clock.GetUtcNow();
        CsvUpload upload;
        if (posted is { } postedId)
        {
            // Locked, so two deliveries of one posted blob cannot both import it.
            upload = await db.CsvUploads.FromSql($"SELECT * FROM csv_uploads WHERE id = {postedId} FOR UPDATE").SingleAsync(cancellationToken);
            if (upload.Status != UploadStatus.Received)
            {
                await transaction.RollbackAsync(cancellationToken);
                await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
                return (await FindExistingAsync(fresh, source, null, null, cancellationToken))!;
            }

            upload.RecordContent(sha256, bytesRead, now);
        }
        else
        {
            upload = new CsvUpload(campaign.Id, source.Container, source.BlobName, source.ETag, sha256, bytesRead, now);
            db.CsvUploads.Add(upload);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another delivery of the same content (or blob version) committed first.
            await transaction.RollbackAsync(cancellationToken);
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await FindExistingAsync(fresh, source, sha256, campaign.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Upload {source.BlobName} conflicted with an upload that cannot be found.", ex);
        }

        var accepted = await MarkKnownProspectsAsync(connection, campaign, cancellationToken);
        var batch = new Batch(campaign.Id, upload.Id, Path.GetFileName(source.BlobName), accepted, now);
        db.Batches.Add(batch);
        db.WorkflowSessions.Add(new WorkflowSession(
            campaign.Id,
            batch.Id,
            $"upload:{upload.Id:D}",
            new Dictionary<string, string> { ["container"] = source.Container, ["blob"] = source.BlobName },
            now));
        await db.SaveChangesAsync(cancellationToken);

        await ExecuteAsync(connection, """
            INSERT INTO prospects (id, campaign_id, batch_id, ordinal, name, email, email_normalized, company, title,
                                   linkedin_url, website, status, additional_data, created_at, updated_at)
            SELECT id, @campaign, @batch, (row_number() OVER (ORDER BY line) - 1)::int, name, email, email_normalized, company, title,
                   linkedin_url, website, 'PENDING'::prospect_status, additional_data, @now, @now
            FROM import_rows WHERE reject_reason IS NULL
            """, cancellationToken, ("campaign", campaign.Id), ("batch", batch.Id), ("now", now));

        var rejected = await FinishUploadAsync(connection, upload.Id, batch.Id, accepted, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Upload {UploadId} ({Blob}) imported into batch {BatchId}: {Accepted} prospects, {Rejected} rows rejected",
            upload.Id, source.BlobName, batch.Id, accepted, rejected);
        return new IngestionResult(upload.Id, UploadStatus.Imported, batch.Id, BatchStatus.Uploaded, false, accepted, rejected, null);
    }

    private static async Task<(string Sha256, long Bytes)> StageRowsAsync(
        NpgsqlConnection connection, Func<CancellationToken, Task<Stream>> openRead, ImportOptions limits, CancellationToken cancellationToken)
    {
        await using var stream = await openRead(cancellationToken);
        await using var reader = await CsvProspectReader.OpenAsync(stream, limits, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY import_rows ({StagingColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
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
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return (await reader.FinishAsync(cancellationToken), reader.BytesRead);
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

    /// <summary>Rejects staged rows whose email the campaign's dedupe scope already knows; returns the rows left.</summary>
    private static async Task<int> MarkKnownProspectsAsync(NpgsqlConnection connection, Campaign campaign, CancellationToken cancellationToken)
    {
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
        await ExecuteAsync(connection, sql, cancellationToken, ("campaign", campaign.Id));
        return Convert.ToInt32(await ScalarAsync(connection, "SELECT count(*) FROM import_rows WHERE reject_reason IS NULL", cancellationToken));
    }

    /// <summary>RECEIVED → IMPORTED, with the rejected rows built in the database from the staging table.</summary>
    private static async Task<int> FinishUploadAsync(NpgsqlConnection connection, Guid uploadId, Guid batchId, int accepted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rejected = await ScalarAsync(connection, """
            UPDATE csv_uploads u SET
                status = 'IMPORTED', batch_id = @batch, rows_accepted = @accepted,
                rows_rejected = r.n, rows_total = @accepted + r.n, rejected_rows = r.rows,
                processed_at = @now, updated_at = @now
            FROM (SELECT count(*)::int AS n,
                         coalesce(jsonb_agg(jsonb_build_object('line', line, 'reason', reject_reason, 'raw', raw) ORDER BY line), '[]') AS rows
                  FROM import_rows WHERE reject_reason IS NOT NULL) r
            WHERE u.id = @upload AND u.status = 'RECEIVED'
            RETURNING r.n
            """, cancellationToken, ("batch", batchId), ("accepted", accepted), ("now", now), ("upload", uploadId));
        return Convert.ToInt32(rejected);
    }

    private async Task<IngestionResult> MarkPostedSameAsAsync(Guid postedId, IngestionResult original, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var posted = await db.CsvUploads.SingleAsync(u => u.Id == postedId, cancellationToken);
        var first = await db.CsvUploads.AsNoTracking().SingleAsync(u => u.Id == original.UploadId, cancellationToken);
        if (posted.Status == UploadStatus.Received)
        {
            posted.MarkSameAs(first, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return original with { UploadId = postedId };
    }

    private async Task<IngestionResult> RecordFailureAsync(UploadSource source, Guid? campaignId, string? sha256, string reason, Guid? posted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (posted is { } postedId)
        {
            var received = await db.CsvUploads.SingleAsync(u => u.Id == postedId, cancellationToken);
            if (received.Status == UploadStatus.Received)
            {
                received.MarkFailed(reason, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            }

            logger.LogWarning("Upload {UploadId} ({Blob}) rejected: {Reason}", received.Id, source.BlobName, reason);
            return new IngestionResult(received.Id, received.Status, received.BatchId, null, false, 0, received.RowsRejected, received.ErrorMessage);
        }

        var upload = new CsvUpload(campaignId, source.Container, source.BlobName, source.ETag, sha256, source.SizeBytes, clock.GetUtcNow());
        upload.MarkFailed(reason, clock.GetUtcNow());
        db.CsvUploads.Add(upload);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await FindExistingAsync(fresh, source, sha256, campaignId, cancellationToken)
                ?? throw new InvalidOperationException($"Upload {source.BlobName} conflicted with an upload that cannot be found.", ex);
        }

        logger.LogWarning("Upload {UploadId} ({Blob}) rejected: {Reason}", upload.Id, source.BlobName, reason);
        return new IngestionResult(upload.Id, UploadStatus.Failed, null, null, false, 0, 0, reason);
    }

    private static async Task<IngestionResult?> FindExistingAsync(
        OutreachDbContext db, UploadSource source, string? contentSha256, Guid? campaignId, CancellationToken cancellationToken, Guid? except = null)
    {
        var existing = await db.CsvUploads.AsNoTracking()
            .Where(u => (u.Container == source.Container && u.BlobName == source.BlobName && u.ETag == source.ETag)
                || (contentSha256 != null && u.CampaignId == campaignId && u.ContentSha256 == contentSha256))
            .Where(u => except == null || u.Id != except)
            .OrderBy(u => u.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        var batchStatus = existing.BatchId is { } batchId
            ? await db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => (BatchStatus?)b.Status).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new IngestionResult(existing.Id, existing.Status, existing.BatchId, batchStatus, true, existing.RowsAccepted, existing.RowsRejected, existing.ErrorMessage);
    }

    private static async Task<Campaign?> FindCampaignAsync(OutreachDbContext db, string reference, CancellationToken cancellationToken)
    {
        var trimmed = Uri.UnescapeDataString(reference).Trim();
        if (Guid.TryParse(trimmed, out var id))
        {
            return await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        }

        // An exact name first; then the same name in another case (folder names are typed by hand).
        var pattern = trimmed.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        return await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Name == trimmed, cancellationToken)
            ?? await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => EF.Functions.ILike(c.Name, pattern, @"\"), cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
