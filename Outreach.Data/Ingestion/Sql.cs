using Npgsql;

namespace Outreach.Data.Ingestion;

/// <summary>Parameterized commands on the import's own connection (EF Core has no COPY or temporary tables); the connection's command timeout unless one is given.</summary>
internal static class Sql
{
    public static Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        ExecuteAsync(connection, sql, connection.CommandTimeout, cancellationToken, parameters);

    /// <summary>Runs <paramref name="sql"/> with a command timeout of <paramref name="timeoutSeconds"/>.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, int timeoutSeconds, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, timeoutSeconds, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        ScalarAsync(connection, sql, connection.CommandTimeout, cancellationToken, parameters);

    /// <summary>Runs <paramref name="sql"/> with a command timeout of <paramref name="timeoutSeconds"/>; its first value.</summary>
    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, int timeoutSeconds, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, timeoutSeconds, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, int timeoutSeconds, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
