using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>One received blob. Unique by content per campaign and by (container, blob, etag), which makes ingestion idempotent.</summary>
public sealed class CsvUpload : Entity
{
    private CsvUpload()
    {
    }

    /// <summary>
    /// Records a received blob. The campaign is null when the blob's path named no known campaign; the hash
    /// is null when the file was rejected before it was read (too large, unknown campaign).
    /// </summary>
    public CsvUpload(Guid? campaignId, string container, string blobName, string etag, string? contentSha256, long sizeBytes, DateTimeOffset now)
        : base(now)
    {
        CampaignId = campaignId;
        Container = Guard.Required(container, nameof(container), 63);
        BlobName = Guard.Required(blobName, nameof(blobName), 1024);
        ETag = Guard.Required(etag, nameof(etag), 100);
        ContentSha256 = Guard.Optional(contentSha256, nameof(contentSha256), 64);
        SizeBytes = sizeBytes;
        Status = UploadStatus.Received;
    }

    public Guid? CampaignId { get; private set; }

    public string Container { get; private set; } = null!;

    public string BlobName { get; private set; } = null!;

    public string ETag { get; private set; } = null!;

    public string? ContentSha256 { get; private set; }

    public long SizeBytes { get; private set; }

    public int RowsTotal { get; private set; }

    public int RowsAccepted { get; private set; }

    public int RowsRejected { get; private set; }

    public List<RejectedRow> RejectedRows { get; private set; } = [];

    /// <summary>What the importer did that the sender should know: a preamble or report footer skipped, an encoding corrected.</summary>
    public List<string> Notes { get; private set; } = [];

    public UploadStatus Status { get; private set; }

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public Guid? BatchId { get; private set; }

    /// <summary>The file of an upload received through the API has been read: its hash and size.</summary>
    public void RecordContent(string contentSha256, long sizeBytes, DateTimeOffset now)
    {
        if (Status != UploadStatus.Received)
        {
            throw new InvalidOperationException($"Upload {Id} is {StatusLabel.Of(Status)}; only a RECEIVED upload takes its content.");
        }

        ContentSha256 = Guard.Required(contentSha256, nameof(contentSha256), 64);
        SizeBytes = sizeBytes;
        Touch(now);
    }

    /// <summary>The same content was imported before as <paramref name="original"/>: this upload ends as that one did, pointing at its batch.</summary>
    public void MarkSameAs(CsvUpload original, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Status == UploadStatus.Imported)
        {
            MarkImported(original.BatchId!.Value, original.RowsAccepted, original.RejectedRows, now);
        }
        else
        {
            MarkFailed(original.ErrorMessage ?? "The same file was rejected before.", now, original.RejectedRows);
        }

        Notes = [.. original.Notes];
        ErrorMessage = $"The same content was received before as upload {original.Id}; nothing new was imported.";
    }

    /// <summary>The file was read: rows were accepted into <paramref name="batchId"/> and the rest rejected.</summary>
    public void MarkImported(Guid batchId, int rowsAccepted, IReadOnlyList<RejectedRow> rejectedRows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejectedRows);
        Rules.Upload.EnsureCanMove(Status, UploadStatus.Imported);
        Status = UploadStatus.Imported;
        BatchId = batchId;
        RowsAccepted = rowsAccepted;
        RowsRejected = rejectedRows.Count;
        RowsTotal = rowsAccepted + rejectedRows.Count;
        RejectedRows = [.. rejectedRows];
        ProcessedAt = Touch(now);
    }

    /// <summary>The whole file was rejected for <paramref name="reason"/>.</summary>
    public void MarkFailed(string reason, DateTimeOffset now, IReadOnlyList<RejectedRow>? rejectedRows = null)
    {
        Rules.Upload.EnsureCanMove(Status, UploadStatus.Failed);
        Status = UploadStatus.Failed;
        ErrorMessage = Guard.Reason(reason);
        RejectedRows = rejectedRows is null ? [] : [.. rejectedRows];
        RowsRejected = RejectedRows.Count;
        RowsTotal = RejectedRows.Count;
        ProcessedAt = Touch(now);
    }
}
