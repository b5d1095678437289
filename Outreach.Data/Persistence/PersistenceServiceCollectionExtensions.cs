using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach.Data.Persistence;

/// <summary>Registers the database for the Functions app, the CLI and the tests alike.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> (a singleton: it owns the connection pool) shared by EF Core
    /// (<see cref="IDbContextFactory{TContext}"/>) and raw Npgsql. The connection string is validated
    /// when the host starts, not on the first query.
    /// </summary>
    public static IServiceCollection AddOutreachPersistence(this IServiceCollection services)
    {
        AddDataSource(services, OutreachDatabase.CreateDataSource);
        // Pooled: activities and HTTP functions create a context per call, and a pooled one skips most of that setup.
        services.AddPooledDbContextFactory<OutreachDbContext>((sp, options) =>
            options.UseOutreachDatabase(sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    /// <summary>
    /// The data source of a process that only reads (<see cref="OutreachDatabase.CreateReadDataSource"/>: no enum
    /// mappings), and no EF Core: what the read side (<c>Reads</c>) runs on in an <c>outreach</c> read verb.
    /// </summary>
    public static IServiceCollection AddOutreachReadDatabase(this IServiceCollection services) =>
        AddDataSource(services, OutreachDatabase.CreateReadDataSource);

    private static IServiceCollection AddDataSource(IServiceCollection services, Func<string, NpgsqlDataSource> create)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Outreach!));
        return services;
    }
}
