using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;

namespace Outreach.Tests.Infrastructure;

/// <summary>One test's own database on the real server; dropped when the test ends.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private NpgsqlDataSource? _readDataSource;

    internal TestDatabase(PostgresServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
        DataSource = OutreachDatabase.CreateDataSource(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The database's data source, configured exactly as the app configures its own.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The data source a process that only reads builds (<see cref="OutreachDatabase.CreateReadDataSource"/>: no enum
    /// mappings): what the read side's tests run on, so a read that needs a mapping fails there.
    /// </summary>
    public NpgsqlDataSource ReadDataSource => _readDataSource ??= OutreachDatabase.CreateReadDataSource(ConnectionString);

    public OutreachDbContext CreateContext() => CreateContext(DataSource);

    public static OutreachDbContext CreateContext(NpgsqlDataSource dataSource, bool compiledModel = true)
    {
        var options = new DbContextOptionsBuilder<OutreachDbContext>();
        options.UseOutreachDatabase(dataSource, compiledModel);
        return new OutreachDbContext(options.Options);
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>Runs <paramref name="sql"/> and returns every row as an array of column values.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);

        return await command.ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_readDataSource is not null)
        {
            await _readDataSource.DisposeAsync();
        }

        await _server.DropDatabaseAsync(Name);
    }
}
