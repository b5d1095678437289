using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Data.Reads;

/// <summary>Registers the plain-SQL reads on the process's data source (<c>AddOutreachPersistence</c> registers that).</summary>
public static class ReadsServiceCollectionExtensions
{
    /// <summary>Adds the reads as singletons: they hold nothing but the data source.</summary>
    public static IServiceCollection AddOutreachReads(this IServiceCollection services)
    {
        services.AddSingleton<BatchReads>();
        services.AddSingleton<ProspectReads>();
        services.AddSingleton<EmailReads>();
        services.AddSingleton<CatalogReads>();
        services.AddSingleton<SuppressionReads>();
        services.AddSingleton<UploadReads>();
        services.AddSingleton<ProviderReads>();
        return services;
    }
}
