using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Outreach.Functions;

/// <summary>
/// The app's own BlobServiceClient, configured the way the Functions host configures <c>AzureWebJobsStorage</c>:
/// a connection string locally (Azurite), or — in Azure, where shared-key access is off — identity-based settings
/// <c>AzureWebJobsStorage__accountName</c> (or <c>__blobServiceUri</c>) with <c>__credential=managedidentity</c> and
/// <c>__clientId</c> of the user-assigned identity.
/// </summary>
public static class StorageClients
{
    /// <summary>The client for the storage account named by <c>AzureWebJobsStorage</c>.</summary>
    public static BlobServiceClient Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BlobServiceClient(connectionString);
        }

        var section = configuration.GetSection("AzureWebJobsStorage");
        var uri = section["blobServiceUri"] ?? (section["accountName"] is { Length: > 0 } account ? $"https://{account}.blob.core.windows.net" : null);
        if (uri is null)
        {
            throw new InvalidOperationException(
                "AzureWebJobsStorage is not set: give a connection string, or AzureWebJobsStorage__accountName (or __blobServiceUri) for identity-based access.");
        }

        var credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : (Azure.Core.TokenCredential)new DefaultAzureCredential();
        return new BlobServiceClient(new Uri(uri), credential, options: null);
    }
}
