using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

public sealed class PersistenceRegistrationTests(PostgresServer server)
{
    [Fact]
    public async Task AddOutreachPersistence_WhenConfigured_SharesOneDataSourceBetweenEfAndRawNpgsql()
    {
        await using var database = await server.CreateDatabaseAsync();
        await using var provider = BuildProvider(database.ConnectionString);

        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        Assert.Same(dataSource, provider.GetRequiredService<NpgsqlDataSource>());

        var factory = provider.GetRequiredService<IDbContextFactory<OutreachDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(0, await db.Prospects.CountAsync(p => p.Status == ProspectStatus.Pending, TestContext.Current.CancellationToken));
        }

        // EF opens its connections from that very instance: once it is disposed, EF cannot connect either.
        await dataSource.DisposeAsync();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => db.Prospects.CountAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task AddOutreachPersistence_WhenConnectionStringIsMissing_FailsValidationNamingTheSetting()
    {
        await using var provider = BuildProvider(connectionString: null);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("ConnectionStrings__Outreach is not set", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildProvider(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(connectionString is null ? [] : [new("ConnectionStrings:Outreach", connectionString)])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOutreachPersistence();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
