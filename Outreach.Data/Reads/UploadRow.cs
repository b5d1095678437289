using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>An uploaded file's record: how far its import got, what it accepted and refused, and its batch.</summary>
public sealed record UploadRow(
    Guid Id,
    Guid? CampaignId,
    UploadStatus Status,
    string BlobName,
    long SizeBytes,
    int RowsTotal,
    int RowsAccepted,
    int RowsRejected,
    IReadOnlyList<RejectedRow> RejectedRows,
    IReadOnlyList<string> Notes,
    Guid? BatchId,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ProcessedAt);
