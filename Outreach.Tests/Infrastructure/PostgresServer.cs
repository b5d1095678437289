using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;

[assembly: AssemblyFixture(typeof(Outreach.Tests.Infrastructure.PostgresServer))]

namespace Outreach.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the test run. Migrates one template database once, then hands every test
/// its own database cloned from it (CREATE DATABASE … TEMPLATE is a file copy: tens of milliseconds),
/// so tests never share rows and run in parallel.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly SemaphoreSlim _cloneLock = new(1, 1);
    private readonly string _templateName = $"outreach_test_template_{Environment.ProcessId}";
    private string? _serverConnectionString;

    public async ValueTask InitializeAsync()
    {
        var configured = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        _serverConnectionString = new NpgsqlConnectionStringBuilder(configured.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_templateName}\" WITH (FORCE)");
        await ExecuteOnServerAsync($"CREATE DATABASE \"{_templateName}\" TEMPLATE template0 ENCODING 'UTF8'");
        var template = ConnectionStringFor(_templateName);
        await using (var dataSource = OutreachDatabase.CreateDataSource(template))
        await using (var db = TestDatabase.CreateContext(dataSource))
        {
            await db.Database.MigrateAsync();
        }

        // A template must have no open connections while it is copied.
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        if (_serverConnectionString is null)
        {
            // Initialization failed (no server configured): its message is the one worth reading.
            _cloneLock.Dispose();
            return;
        }

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_templateName}\" WITH (FORCE)");
        _cloneLock.Dispose();
    }

    /// <summary>A new database with the schema migrated, or empty when <paramref name="migrated"/> is false.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true)
    {
        var name = NewDatabaseName();
        await _cloneLock.WaitAsync();
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{(migrated ? _templateName : "template0")}\" ENCODING 'UTF8'");
        }
        finally
        {
            _cloneLock.Release();
        }

        return new TestDatabase(this, name, ConnectionStringFor(name));
    }

    /// <summary>A database name that does not exist yet (for tests of creating one).</summary>
    public static string NewDatabaseName() => $"outreach_test_{Guid.NewGuid():N}";

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = database }.ConnectionString;

    public async Task DropDatabaseAsync(string name) => await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    public async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection);
        command.Parameters.AddWithValue(name);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
