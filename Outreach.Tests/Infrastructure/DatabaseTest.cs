namespace Outreach.Tests.Infrastructure;

/// <summary>A test class whose every test gets a migrated database of its own, created before it and dropped after.</summary>
public abstract class DatabaseTest(PostgresServer server) : IAsyncLifetime
{
    /// <summary>The test's database.</summary>
    protected TestDatabase Database { get; private set; } = null!;

    /// <summary>Cancelled when the test run stops.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => Database = await server.CreateDatabaseAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
