using Npgsql;

namespace Outreach.Cli.Benchmarks;

/// <summary>
/// Counts the SQL statements run against one database with pg_stat_statements (BEGIN, COMMIT and DISCARD ALL
/// included: they are round trips too). Unavailable — and silent — when the server does not preload the module.
/// </summary>
internal sealed class StatementCounter
{
    private readonly string _connectionString;

    private StatementCounter(string connectionString, bool available)
    {
        _connectionString = connectionString;
        Available = available;
    }

    /// <summary>Whether the server loads pg_stat_statements.</summary>
    public bool Available { get; }

    public static async Task<StatementCounter> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var own = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(own);
        await connection.OpenAsync(cancellationToken);
        await using var loaded = new NpgsqlCommand("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'", connection);
        if (!(bool)(await loaded.ExecuteScalarAsync(cancellationToken))!)
        {
            return new StatementCounter(own, available: false);
        }

        await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new StatementCounter(own, available: true);
    }

    /// <summary>Starts counting from zero.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        if (Available)
        {
            await ScalarAsync("SELECT pg_stat_statements_reset()", cancellationToken);
        }
    }

    /// <summary>Statements run against the database since the reset, or null when not counted.</summary>
    public async Task<long?> CountAsync(CancellationToken cancellationToken) =>
        Available
            ? Convert.ToInt64(await ScalarAsync(
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'",
                cancellationToken), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>The most frequent statements since the reset, first line of each.</summary>
    public async Task<List<(long Calls, string Query)>> TopAsync(int count, CancellationToken cancellationToken)
    {
        var top = new List<(long, string)>();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT calls, regexp_replace(query, '\s+', ' ', 'g') FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY calls DESC LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var query = reader.GetString(1);
            top.Add((reader.GetInt64(0), query.Length > 140 ? query[..140] + "…" : query));
        }

        return top;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
