using Azure.Storage.Blobs;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Storage;

public sealed class AzuriteTests
{
    [Fact]
    public async Task BlobRoundTrip_AgainstAzurite_ReturnsTheUploadedBytes()
    {
        var service = new BlobServiceClient(TestEnvironment.StorageConnectionString);
        var container = service.GetBlobContainerClient($"test-{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            var blob = container.GetBlobClient("campaign/prospects.csv");
            var content = "Email,First Name\r\nada@example.com,Ada\r\n"u8.ToArray();
            await blob.UploadAsync(new BinaryData(content), TestContext.Current.CancellationToken);

            var downloaded = await blob.DownloadContentAsync(TestContext.Current.CancellationToken);

            Assert.Equal(content, downloaded.Value.Content.ToArray());
            Assert.False(string.IsNullOrEmpty(downloaded.Value.Details.ETag.ToString()));
        }
        finally
        {
            await container.DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
        }
    }
}
