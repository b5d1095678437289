using Azure.Storage.Blobs;

namespace Outreach.Tests.Infrastructure;

/// <summary>A blob container of its own in Azurite for one test, deleted afterwards.</summary>
internal sealed class UploadContainer : IAsyncDisposable
{
    private UploadContainer(BlobContainerClient client) => Client = client;

    public BlobContainerClient Client { get; }

    public static async Task<UploadContainer> CreateAsync()
    {
        var client = new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient($"uploads-{Guid.NewGuid():N}");
        await client.CreateAsync();
        return new UploadContainer(client);
    }

    /// <summary>Uploads <paramref name="content"/> to <c>{campaign}/{name}</c> the way a user's drop would arrive.</summary>
    public async Task<BlobClient> DropAsync(string campaign, string name, Stream content)
    {
        var blob = Client.GetBlobClient($"{campaign}/{name}");
        await blob.UploadAsync(content, overwrite: true);
        return blob;
    }

    public Task<BlobClient> DropAsync(string campaign, string name, byte[] content) => DropAsync(campaign, name, new MemoryStream(content));

    public async ValueTask DisposeAsync() => await Client.DeleteIfExistsAsync();
}
