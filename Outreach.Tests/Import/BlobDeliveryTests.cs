using System.Text;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Triggers;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Import;

/// <summary>
/// What Event Grid delivers to <see cref="CsvUploadTrigger"/>: the host invokes it for whatever blob an event names, with
/// no campaign bound when the blob is not in a campaign folder — through the function's entry point, on Azurite and
/// PostgreSQL.
/// </summary>
public sealed class BlobDeliveryTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_WhenTheBlobIsInAnotherContainer_IgnoresItAndWritesNothing()
    {
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database);
        var durable = AppServices.DurableClient();
        var results = new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient("outreach-results");
        await results.CreateIfNotExistsAsync(cancellationToken: Ct);
        var blob = results.GetBlobClient($"{Guid.NewGuid()}/emails.csv");
        await blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("email,subject\r\nada@example.com,Hello\r\n")), Ct);
        try
        {
            await Trigger(services).RunAsync(blob, campaign: null, durable.Object, Ct);

            Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
            durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        }
        finally
        {
            await blob.DeleteIfExistsAsync(cancellationToken: Ct);
        }
    }

    [Fact]
    public async Task RunAsync_WhenTheBlobIsAtTheRootOfTheUploadsContainer_RecordsOneFailedUploadSayingWhereToPutIt()
    {
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database);
        var durable = AppServices.DurableClient();
        var uploads = new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await uploads.CreateIfNotExistsAsync(cancellationToken: Ct);
        var name = $"rootlevel-{Guid.NewGuid():N}.csv";
        var blob = uploads.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes("email,name\r\nada@example.com,Ada\r\n")), Ct);
        try
        {
            // Event Grid delivers at least once: the second delivery finds the first one's record.
            await Trigger(services).RunAsync(blob, campaign: null, durable.Object, Ct);
            await Trigger(services).RunAsync(blob, campaign: null, durable.Object, Ct);

            var row = Assert.Single(await database.RowsAsync("SELECT container, blob_name, status::text, error_message, campaign_id FROM csv_uploads"));
            Assert.Equal((BlobUploadProcessor.UploadsContainer, name, "FAILED"), ((string)row[0]!, (string)row[1]!, (string)row[2]!));
            Assert.Equal(
                $"'{name}' is not in a campaign folder: upload into a campaign folder: prospect-uploads/{{campaign id or name}}/{{file}}.csv.",
                (string)row[3]!);
            Assert.Null(row[4]);
            Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM batches"));
            durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
        }
        finally
        {
            await blob.DeleteIfExistsAsync(cancellationToken: Ct);
        }
    }

    private static CsvUploadTrigger Trigger(IServiceProvider services) => new(services.GetRequiredService<BlobUploadProcessor>());
}
