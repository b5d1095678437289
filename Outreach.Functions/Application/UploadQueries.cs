using Outreach.Data.Reads;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Application;

/// <summary>An upload as <c>GET /api/uploads/{id}</c> shows it.</summary>
public sealed record UploadView(
    Guid Id, Guid? CampaignId, string Status, string BlobName, long SizeBytes, int RowsTotal, int RowsAccepted, int RowsRejected,
    IReadOnlyList<RejectedRowView> RejectedRows, IReadOnlyList<string> Notes, Guid? BatchId, string? ErrorMessage, DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt);

/// <summary>Reads uploaded files' records (the writes are <see cref="UploadIntake"/>'s and the importer's).</summary>
public sealed class UploadQueries(UploadReads reads)
{
    /// <summary>The upload, or null.</summary>
    public async Task<UploadView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await reads.GetAsync(id, cancellationToken) is { } u
            ? new UploadView(
                u.Id, u.CampaignId, StatusLabel.Of(u.Status), u.BlobName, u.SizeBytes, u.RowsTotal, u.RowsAccepted, u.RowsRejected,
                [.. u.RejectedRows.Select(r => new RejectedRowView(r.Line, r.Reason))], u.Notes, u.BatchId, u.ErrorMessage, u.CreatedAt, u.ProcessedAt)
            : null;
}
