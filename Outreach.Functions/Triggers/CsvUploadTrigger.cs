using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Outreach.Functions.Ingestion;

namespace Outreach.Functions.Triggers;

/// <summary>A CSV dropped into <c>prospect-uploads/{campaign}/{name}</c> becomes a batch and starts its orchestration.</summary>
public sealed class CsvUploadTrigger(BlobUploadProcessor processor)
{
    /// <summary>
    /// Bound to a <see cref="BlobClient"/>, never to string or byte[]: the importer streams the blob, so a
    /// 100 MB file never sits in memory.
    /// </summary>
    [Function(nameof(CsvUploadTrigger))]
    public async Task RunAsync(
        [BlobTrigger(BlobUploadProcessor.UploadsContainer + "/{campaign}/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob,
        string campaign,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        await processor.ProcessAsync(blob, campaign, durable, cancellationToken);
}
