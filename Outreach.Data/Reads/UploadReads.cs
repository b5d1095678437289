using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>The read side of uploaded files in plain SQL (see <see cref="BatchReads"/> for why).</summary>
public sealed class UploadReads(NpgsqlDataSource dataSource)
{
    /// <summary>The upload, or null.</summary>
    public Task<UploadRow?> GetAsync(Guid uploadId, CancellationToken cancellationToken) => SingleRead.ReadAsync(
        dataSource,
        "SELECT id, campaign_id, status::text, blob_name, size_bytes, rows_total, rows_accepted, rows_rejected, rejected_rows, notes, batch_id, error_message, " +
        "created_at, processed_at FROM csv_uploads WHERE id = @id",
        uploadId,
        reader => new UploadRow(
            reader.GetGuid(0),
            reader.NullableValue<Guid>(1),
            reader.Label<UploadStatus>(2),
            reader.GetString(3),
            reader.GetInt64(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            reader.GetInt32(7),
            OutreachJson.Deserialize<List<RejectedRow>>(reader.GetString(8)),
            OutreachJson.Deserialize<List<string>>(reader.GetString(9)),
            reader.NullableValue<Guid>(10),
            reader.Nullable<string>(11),
            reader.GetFieldValue<DateTimeOffset>(12),
            reader.NullableValue<DateTimeOffset>(13)),
        cancellationToken);
}
