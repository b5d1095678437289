using System.Data.Common;
using Npgsql;

namespace Outreach.Data.Reads;

/// <summary>
/// A page of rows and how many match in all, in one round trip: the count and the page run as one batch with the same
/// filter parameters, the page's with <c>@skip</c> and <c>@take</c> besides.
/// </summary>
internal static class PagedRead
{
    /// <summary>
    /// Runs <paramref name="countSql"/> (one bigint) and <paramref name="pageSql"/> (which ends in <c>OFFSET @skip LIMIT
    /// @take</c>), each with the parameters <paramref name="filter"/> adds, and reads each page row with <paramref name="read"/>.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Rows, long Total)> ReadAsync<T>(
        NpgsqlDataSource dataSource,
        string countSql,
        string pageSql,
        Action<NpgsqlParameterCollection> filter,
        int skip,
        int take,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand(countSql);
        var page = new NpgsqlBatchCommand(pageSql);
        filter(count.Parameters);
        filter(page.Parameters);
        page.Parameters.AddWithValue("skip", skip);
        page.Parameters.AddWithValue("take", take);
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return (rows, total);
    }
}
