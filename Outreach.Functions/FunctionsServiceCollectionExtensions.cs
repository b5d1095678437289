using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Import;
using Outreach.Domain.Persistence;
using Outreach.Functions.Ingestion;

namespace Outreach.Functions;

/// <summary>The app's services in one place, so the Functions host, <c>outreach</c> and the tests register the same things.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Persistence, the CSV importer and the upload processor.</summary>
    public static IServiceCollection AddOutreachFunctions(this IServiceCollection services)
    {
        services.AddOutreachPersistence();
        services.AddOutreachImport();
        services.AddSingleton<BlobUploadProcessor>();
        return services;
    }
}
