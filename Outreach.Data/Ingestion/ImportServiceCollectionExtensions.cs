using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Domain.Import;

namespace Outreach.Data.Ingestion;

/// <summary>Registers the CSV importer for the Functions app, the CLI and the tests.</summary>
public static class ImportServiceCollectionExtensions
{
    /// <summary>Adds <see cref="UploadIngestor"/> with <see cref="ImportOptions"/> bound from <c>Import__*</c> and validated on start.</summary>
    public static IServiceCollection AddOutreachImport(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UploadIngestor>();
        return services;
    }
}
