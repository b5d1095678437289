using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Persistence;
using Outreach.Functions;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Suppressions;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>
/// The read side as a process that only reads registers it (an <c>outreach</c> read verb): over the data source
/// without enum mappings and without EF Core — every query service resolves and answers from that alone.
/// </summary>
public sealed class QueryRegistrationTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddOutreachQueries_OverTheReadDatabase_ResolvesEveryQueryWithoutEfCore()
    {
        await using var database = await server.CreateDatabaseAsync();
        var scenario = await Scenario.CreateAsync(database, prospects: 2);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("ConnectionStrings:Outreach", database.ConnectionString),
            new("Providers:OpenAI:Model", "gpt-test"),
            new("Providers:OpenAI:RequestsPerSecond", "7"),
        ]).Build());
        services.AddOutreachReadDatabase();
        services.AddOutreachQueries();

        // ValidateOnBuild resolves every registration's constructor: a query service that needs EF's factory fails here.
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IDbContextFactory<OutreachDbContext>));
        var batch = await provider.GetRequiredService<BatchQueries>().GetAsync(scenario.Batch.Id, runtimeStatus: null, Ct);
        var prospects = await provider.GetRequiredService<ProspectQueries>().ListAsync(scenario.Batch.Id, "PENDING", 1, 10, Ct);
        var campaigns = await provider.GetRequiredService<CatalogQueries>().CampaignsAsync(1, 10, Ct);
        var suppressions = await provider.GetRequiredService<SuppressionQueries>().ListAsync(search: null, 1, 10, Ct);
        var providers = await provider.GetRequiredService<ProviderQueries>().ListAsync(Ct);
        Assert.Equal(("UPLOADED", 2), (batch!.Status, batch.TotalProspects));
        Assert.Equal(2, prospects.Items.Count);
        Assert.Equal(scenario.Campaign.Id, Assert.Single(campaigns.Items).Id);
        Assert.Empty(suppressions.Items);
        Assert.Equal(ProviderQueries.Known.Keys, providers.Select(p => p.Provider));
        Assert.Equal(("gpt-test", 7.0), (providers.Single(p => p.Provider == "openai").DefaultModel, providers.Single(p => p.Provider == "openai").RequestsPerSecond));
    }
}
