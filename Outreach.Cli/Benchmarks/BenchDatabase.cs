using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Outreach.Cli.Hosting;

namespace Outreach.Cli.Benchmarks;

/// <summary>Throw-away benchmark databases next to the configured one.</summary>
internal static class BenchDatabase
{
    /// <summary>The configured connection string, or null after telling the user what to run.</summary>
    public static async Task<string?> ConfiguredAsync(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var configured = CliSettings.Load().GetConnectionString("Outreach");
        if (string.IsNullOrWhiteSpace(configured))
        {
            await error.WriteLineAsync("ConnectionStrings__Outreach is not set; run eng/bench.sh, which starts the local services.");
            return null;
        }

        return configured;
    }

    public static async Task RecreateAsync(string configured, string name, CancellationToken cancellationToken)
    {
        await DropAsync(configured, name, cancellationToken);
        await ServerCommandAsync(configured, $"CREATE DATABASE \"{name}\"", cancellationToken);
    }

    public static Task DropAsync(string configured, string name, CancellationToken cancellationToken) =>
        ServerCommandAsync(configured, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);

    private static async Task ServerCommandAsync(string configured, string sql, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
