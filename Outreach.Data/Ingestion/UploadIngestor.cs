using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Import;

namespace Outreach.Data.Ingestion;

/// <summary>
/// Turns an uploaded CSV into a batch, in three steps: the redelivery check (<see cref="RedeliveryCheck"/>: a
/// second delivery of the same blob version, or of the same content for the campaign, finds the first upload and
/// writes nothing), staging (<see cref="ImportStaging"/>: rows streamed with binary COPY into a temporary table, so
/// memory does not grow with the file beyond the in-file duplicate check) and the commit (<see cref="ImportCommit"/>:
/// one set-based move into prospects). One transaction writes the csv_uploads row, the batch, the prospects and
/// the workflow session, or nothing; a file that cannot be imported is recorded as a FAILED upload with the reason.
/// </summary>
public sealed class UploadIngestor(
    IDbContextFactory<OutreachDbContext> contexts,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<UploadIngestor> logger)
{
    // Where a dropped file belongs, as both "not in a campaign folder" and "no such campaign" tell the uploader.
    private const string CampaignFolder = "prospect-uploads/{campaign id or name}/{file}.csv";

    /// <summary>Ingests the file at <paramref name="source"/>, opened by <paramref name="openRead"/> only when it has to be read.</summary>
    public async Task<IngestionResult> IngestAsync(UploadSource source, Func<CancellationToken, Task<Stream>> openRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(openRead);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A RECEIVED row for this blob version was written by the upload API before the blob was announced;
        // this delivery imports into it. Any other row means the blob was delivered before.
        Guid? posted = null;
        if (await RedeliveryCheck.FindAsync(db, source, contentSha256: null, campaignId: null, cancellationToken) is { } redelivered)
        {
            if (redelivered.Status != UploadStatus.Received)
            {
                return redelivered;
            }

            posted = redelivered.UploadId;
        }

        if (string.IsNullOrWhiteSpace(source.CampaignReference))
        {
            // Event Grid delivers every blob of the container, a file at its root too (the host binds no {campaign}).
            return await RecordFailureAsync(
                source, null, null, $"'{source.BlobName}' is not in a campaign folder: upload into a campaign folder: {CampaignFolder}.", posted, cancellationToken);
        }

        var campaign = await FindCampaignAsync(db, source.CampaignReference, cancellationToken);
        if (campaign is null)
        {
            return await RecordFailureAsync(source, null, null, $"No campaign with id or name '{source.CampaignReference}'. Upload to {CampaignFolder}.", posted, cancellationToken);
        }

        var limits = options.Value;
        if (source.SizeBytes > limits.MaxFileBytes)
        {
            return await RecordFailureAsync(source, campaign.Id, null, $"The file is {source.SizeBytes:N0} bytes; the limit is {limits.MaxFileBytes:N0} bytes (Import__MaxFileBytes).", posted, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var staging = await ImportStaging.CreateAsync(connection, cancellationToken);

        string sha256;
        long bytesRead;
        IReadOnlyList<string> notes;
        try
        {
            (sha256, bytesRead, notes) = await staging.CopyRowsAsync(openRead, limits, cancellationToken);
        }
        catch (CsvFileRejectedException ex)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RecordFailureAsync(source, campaign.Id, ex.ContentSha256, ex.Message, posted, cancellationToken);
        }

        // The same content for this campaign was imported before (a copy under another name, or a re-upload):
        // find it without provoking the unique key, which stays the guard against two deliveries at once.
        if (await RedeliveryCheck.FindAsync(db, source, sha256, campaign.Id, cancellationToken, except: posted) is { } sameContent)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await RecordSameAsAsync(source, campaign.Id, posted, sameContent, cancellationToken);
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
                return (await RedeliveryCheck.FindAsync(fresh, source, null, null, cancellationToken))!;
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
            return await FirstRecordedAsync(source, sha256, campaign.Id, ex, cancellationToken);
        }

        var accepted = await staging.RejectKnownProspectsAsync(campaign, cancellationToken);
        var batch = new Batch(campaign.Id, upload.Id, Path.GetFileName(source.BlobName), accepted, now);
        db.Batches.Add(batch);
        if (source.WorkflowSessionId is { } sessionId)
        {
            // The wizard's session, locked: its batch is this one, and it moves to BEGIN_ENRICHMENT with the import.
            var guided = await db.WorkflowSessions.FromSql($"SELECT * FROM workflow_sessions WHERE id = {sessionId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Workflow session {sessionId} does not exist.");
            guided.AttachBatch(campaign.Id, batch.Id, now);
        }
        else
        {
            db.WorkflowSessions.Add(new WorkflowSession(
                campaign.Id,
                batch.Id,
                $"upload:{upload.Id:D}",
                new Dictionary<string, string> { ["container"] = source.Container, ["blob"] = source.BlobName },
                now));
        }

        await db.SaveChangesAsync(cancellationToken);

        await ImportCommit.MoveProspectsAsync(connection, campaign.Id, batch.Id, staging.LastLine, now, cancellationToken);
        var rejected = await ImportCommit.FinishUploadAsync(connection, upload.Id, batch.Id, accepted, notes, staging.StatementTimeoutSeconds, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation(
            "Upload {UploadId} ({Blob}) imported into batch {BatchId}: {Accepted} prospects, {Rejected} rows rejected",
            upload.Id, source.BlobName, batch.Id, accepted, rejected);
        return new IngestionResult(upload.Id, UploadStatus.Imported, batch.Id, BatchStatus.Uploaded, false, accepted, rejected, null, notes);
    }

    /// <summary>
    /// Records this blob version as a copy of an earlier upload: the API's RECEIVED row for it when there is one,
    /// otherwise a row of its own — so every delivered blob has a row that says where its rows went, and an API
    /// upload recorded a moment after the trigger ingested its blob finds that row instead of waiting forever.
    /// </summary>
    private async Task<IngestionResult> RecordSameAsAsync(UploadSource source, Guid campaignId, Guid? postedId, IngestionResult original, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await db.CsvUploads.AsNoTracking().SingleAsync(u => u.Id == original.UploadId, cancellationToken);
        var now = clock.GetUtcNow();
        CsvUpload copy;
        if (postedId is { } id)
        {
            copy = await db.CsvUploads.SingleAsync(u => u.Id == id, cancellationToken);
            if (copy.Status != UploadStatus.Received)
            {
                return original with { UploadId = id };
            }
        }
        else
        {
            // No content hash on the copy: the campaign's content is already recorded, once, by the first upload.
            copy = new CsvUpload(campaignId, source.Container, source.BlobName, source.ETag, null, source.SizeBytes, now);
            db.CsvUploads.Add(copy);
        }

        copy.MarkSameAs(first, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another delivery of this blob version (or the API) recorded it first.
            return await FirstRecordedAsync(source, null, null, ex, cancellationToken);
        }

        return original with { UploadId = copy.Id };
    }

    /// <summary>The upload that won a unique-key race against this delivery (same blob version or same content), read afresh.</summary>
    private async Task<IngestionResult> FirstRecordedAsync(UploadSource source, string? sha256, Guid? campaignId, DbUpdateException conflict, CancellationToken cancellationToken)
    {
        await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
        return await RedeliveryCheck.FindAsync(fresh, source, sha256, campaignId, cancellationToken)
            ?? throw new InvalidOperationException($"Upload {source.BlobName} conflicted with an upload that cannot be found.", conflict);
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
            return await FirstRecordedAsync(source, sha256, campaignId, ex, cancellationToken);
        }

        logger.LogWarning("Upload {UploadId} ({Blob}) rejected: {Reason}", upload.Id, source.BlobName, reason);
        return new IngestionResult(upload.Id, UploadStatus.Failed, null, null, false, 0, 0, reason);
    }

    // The folder name arrives URL-encoded in a blob name ("Q3%20Fintech").
    private static Task<Campaign?> FindCampaignAsync(OutreachDbContext db, string reference, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().FindByReferenceAsync(Uri.UnescapeDataString(reference), cancellationToken);
}
