using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Outreach.Functions.Ingestion;

namespace Outreach.Functions.Triggers;

/// <summary>
/// A CSV dropped into <c>prospect-uploads/{campaign}/{name}</c> becomes a batch and starts its orchestration.
/// Two triggers, one code path: <see cref="CsvUploadTrigger"/> takes Event Grid BlobCreated events, the only blob
/// trigger Flex Consumption supports (the subscription is created after deployment, see infra/hooks);
/// <c>CsvUploadLocalTrigger</c> scans the container, which is what works against Azurite under
/// <c>func start</c>. Each environment disables the other with <c>AzureWebJobs.{name}.Disabled</c>; running both
/// would still import a file once, since ingestion is idempotent.
/// </summary>
public sealed class CsvUploadTrigger(BlobUploadProcessor processor)
{
    /// <summary>The name of the container-scan trigger (set <c>AzureWebJobs.CsvUploadLocalTrigger.Disabled</c> in Azure).</summary>
    public const string LocalTriggerName = "CsvUploadLocalTrigger";

    /// <summary>The blob path both triggers watch.</summary>
    public const string Path = BlobUploadProcessor.UploadsContainer + "/{campaign}/{name}";

    /// <summary>
    /// Event Grid–sourced (Azure). Bound to a <see cref="BlobClient"/>, never to string or byte[]: the importer
    /// streams the blob, so a 100 MB file never sits in memory. On this path the host does not match the path pattern:
    /// it invokes the function for whatever blob the event names, with <paramref name="campaign"/> null when the blob is
    /// not in a campaign folder (or not in the uploads container at all).
    /// </summary>
    [Function(nameof(CsvUploadTrigger))]
    public Task RunAsync(
        [BlobTrigger(Path, Connection = "AzureWebJobsStorage", Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string? campaign,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        processor.ProcessDeliveryAsync(blob, campaign, durable, cancellationToken);

    /// <summary>Container-scan–sourced, for local runs on Azurite (disabled in Azure).</summary>
    [Function(LocalTriggerName)]
    public Task RunLocalAsync(
        [BlobTrigger(Path, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string? campaign,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken) =>
        processor.ProcessDeliveryAsync(blob, campaign, durable, cancellationToken);
}
