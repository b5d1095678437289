using Npgsql;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>The read side of a batch's prospects, in plain SQL (see <see cref="BatchReads"/> for why).</summary>
public sealed class ProspectReads(NpgsqlDataSource dataSource)
{
    /// <summary>Whether the batch exists: what every read over a batch's rows checks first, so an unknown batch is not an empty one.</summary>
    public async Task<bool> BatchExistsAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM batches WHERE id = @batch)");
        command.Parameters.AddWithValue("batch", batchId);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>A page of the batch's prospects in file order, optionally of one status, and how many match (read by the (batch_id, ordinal) and (batch_id, status) indexes).</summary>
    public Task<(IReadOnlyList<ProspectListRow> Rows, long Total)> ListAsync(Guid batchId, ProspectStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var where = "WHERE batch_id = @batch" + (status is null ? string.Empty : " AND status = @status");
        return PagedRead.ReadAsync(
            dataSource,
            $"SELECT count(*) FROM prospects {where}",
            $"SELECT id, ordinal, name, email, company, title, status, error_message FROM prospects {where} ORDER BY ordinal OFFSET @skip LIMIT @take",
            parameters =>
            {
                parameters.AddWithValue("batch", batchId);
                if (status is { } wanted)
                {
                    parameters.AddWithValue("status", wanted);
                }
            },
            skip,
            take,
            reader => new ProspectListRow(
                reader.GetGuid(0),
                reader.GetInt32(1),
                reader.Nullable<string>(2),
                reader.GetString(3),
                reader.Nullable<string>(4),
                reader.Nullable<string>(5),
                reader.GetFieldValue<ProspectStatus>(6),
                reader.Nullable<string>(7)),
            cancellationToken);
    }
}
