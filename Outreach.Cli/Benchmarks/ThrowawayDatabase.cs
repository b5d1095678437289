using Npgsql;

namespace Outreach.Cli.Benchmarks;

/// <summary>A benchmark database created fresh next to the configured one and dropped on dispose, whatever happened.</summary>
internal sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string _configured;

    private ThrowawayDatabase(string configured, NpgsqlConnectionStringBuilder builder)
    {
        _configured = configured;
        Builder = builder;
    }

    /// <summary>Its connection settings.</summary>
    public NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>Its connection string.</summary>
    public string ConnectionString => Builder.ConnectionString;

    public static async Task<ThrowawayDatabase> CreateAsync(string configured, string name, CancellationToken cancellationToken)
    {
        await BenchDatabase.RecreateAsync(configured, name, cancellationToken);
        return new ThrowawayDatabase(configured, new NpgsqlConnectionStringBuilder(configured) { Database = name });
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections would keep the database busy; the drop runs even when the benchmark was cancelled.
        NpgsqlConnection.ClearAllPools();
        await BenchDatabase.DropAsync(_configured, Builder.Database!, CancellationToken.None);
    }
}
