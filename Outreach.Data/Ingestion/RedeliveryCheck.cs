using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;

namespace Outreach.Data.Ingestion;

/// <summary>
/// Whether an upload was delivered before: the same blob version (Event Grid and the container scan both deliver at
/// least once), or the same content for the campaign (a copy under another name, a re-upload). What it finds is
/// returned as the outcome, so a second delivery writes nothing.
/// </summary>
internal static class RedeliveryCheck
{
    /// <summary>The first upload of this blob version, or (when <paramref name="contentSha256"/> is given) of this content for the campaign.</summary>
    public static async Task<IngestionResult?> FindAsync(
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
        return new IngestionResult(existing.Id, existing.Status, existing.BatchId, batchStatus, true, existing.RowsAccepted, existing.RowsRejected, existing.ErrorMessage, existing.Notes);
    }
}
