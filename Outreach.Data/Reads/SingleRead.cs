using System.Data.Common;
using Npgsql;

namespace Outreach.Data.Reads;

/// <summary>One row by its key, or null: the read behind every "show one" view.</summary>
internal static class SingleRead
{
    /// <summary>Runs <paramref name="sql"/> (which takes the key — an id, a provider's name — as <c>@id</c>) and reads its first row with <paramref name="read"/>; null when there is none.</summary>
    public static async Task<T?> ReadAsync<T>(NpgsqlDataSource dataSource, string sql, object id, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }
}
