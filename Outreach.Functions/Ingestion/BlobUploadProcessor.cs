using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Outreach.Data.Ingestion;
using Outreach.Domain.Enums;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Ingestion;

/// <summary>
/// What happens when a CSV lands in <c>prospect-uploads/{campaign}/{name}</c>: ingest it, then start the
/// batch's orchestration. Shared by the blob trigger and <c>outreach run</c>, so a drop, an HTTP upload and
/// a local run take one code path.
/// </summary>
public sealed partial class BlobUploadProcessor(UploadIngestor ingestor, ILogger<BlobUploadProcessor> logger)
{
    /// <summary>The container people drop CSV files into.</summary>
    public const string UploadsContainer = "prospect-uploads";

    /// <summary>The metadata an erasure puts on an upload it wrote again without a person's lines (see PersonErasure).</summary>
    public const string ErasureMetadata = "outreach_erasure";

    /// <summary>
    /// What a blob trigger delivered: Event Grid's subscription may deliver any blob of the account, so a blob of another
    /// container is ignored with one log line; anything in the uploads container goes to <see cref="ProcessAsync(BlobClient, string?, DurableTaskClient, CancellationToken)"/>.
    /// </summary>
    public async Task ProcessDeliveryAsync(BlobClient blob, string? campaignReference, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.BlobContainerName != UploadsContainer)
        {
            LogNotAnUpload(blob.BlobContainerName, blob.Name);
            return;
        }

        await ProcessAsync(blob, campaignReference, null, durable, cancellationToken);
    }

    /// <summary>
    /// Ingests <paramref name="blob"/> for campaign <paramref name="campaignReference"/> and starts its orchestration; a blob
    /// with no campaign folder (null) is recorded as a FAILED upload saying where to put it.
    /// </summary>
    public Task<IngestionResult> ProcessAsync(BlobClient blob, string? campaignReference, DurableTaskClient durable, CancellationToken cancellationToken) =>
        ProcessAsync(blob, campaignReference, null, durable, cancellationToken);

    /// <summary>
    /// Ingests the console wizard's draft <paramref name="blob"/> for <paramref name="campaignId"/> into a batch that joins
    /// workflow session <paramref name="sessionId"/>, and starts its orchestration — the same import as a drop.
    /// </summary>
    public Task<IngestionResult> ProcessDraftAsync(BlobClient blob, Guid campaignId, Guid sessionId, DurableTaskClient durable, CancellationToken cancellationToken) =>
        ProcessAsync(blob, campaignId.ToString("D"), sessionId, durable, cancellationToken);

    private async Task<IngestionResult> ProcessAsync(BlobClient blob, string? campaignReference, Guid? sessionId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(durable);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (properties.Metadata.ContainsKey(ErasureMetadata))
        {
            // An erasure wrote this version without a person's lines: the file was imported before, it is not a new one.
            LogRewrittenByErasure(blob.Name);
            return new IngestionResult(Guid.Empty, UploadStatus.Imported, null, null, AlreadyIngested: true, 0, 0, "Rewritten by an erasure; not a new upload.");
        }

        var source = new UploadSource(blob.BlobContainerName, blob.Name, properties.ETag.ToString(), properties.ContentLength, campaignReference, sessionId);

        // Read exactly the version whose ETag was recorded: a blob overwritten mid-read fails the read
        // (and the trigger retries with the new version) instead of importing a mix of two files.
        var result = await ingestor.IngestAsync(
            source,
            ct => blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, ct),
            cancellationToken);

        if (result.Status == UploadStatus.Failed)
        {
            // The reason is the importer's own message (names the line or setting, never a row's content).
            LogUploadFailed(blob.Name, result.UploadId, result.ErrorMessage);
        }
        else if (!result.AlreadyIngested)
        {
            LogUploadImported(blob.Name, result.UploadId, result.RowsAccepted, result.RowsRejected);
        }

        // A redelivery finds a batch that may never have been started (the first start failed): start it now.
        if (result is { BatchId: { } batchId, BatchStatus: BatchStatus.Uploaded })
        {
            await StartBatchAsync(durable, batchId, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Starts <c>batch-{id}</c> unless it exists. A failure is logged, not thrown: the batch is committed and
    /// stays UPLOADED, and the sweeper starts it later — retrying the whole blob would only find it again.
    /// </summary>
    public async Task<bool> StartBatchAsync(DurableTaskClient durable, Guid batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instanceId = Domain.Entities.Batch.InstanceIdFor(batchId);
        try
        {
            if (await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return false;
            }

            await durable.ScheduleNewOrchestrationInstanceAsync(
                nameof(ProcessBatchOrchestrator),
                new ProcessBatchInput(batchId),
                new StartOrchestrationOptions(instanceId),
                cancellationToken);
            LogStarted(instanceId);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or Grpc.Core.RpcException or InvalidOperationException or HttpRequestException or TimeoutException)
        {
            LogStartFailed(ex, instanceId);
            return false;
        }
    }

    [LoggerMessage(LogLevel.Information, "Ignored {Container}/{Blob}: only files in " + UploadsContainer + " are uploads")]
    private partial void LogNotAnUpload(string container, string blob);

    [LoggerMessage(LogLevel.Warning, "Upload {Blob} recorded as FAILED (upload {UploadId}): {Reason}")]
    private partial void LogUploadFailed(string blob, Guid uploadId, string? reason);

    [LoggerMessage(LogLevel.Information, "Upload {Blob} imported (upload {UploadId}): {Accepted} rows accepted, {Rejected} rejected")]
    private partial void LogUploadImported(string blob, Guid uploadId, int accepted, int rejected);

    [LoggerMessage(LogLevel.Information, "{Blob} was rewritten by an erasure; not imported again")]
    private partial void LogRewrittenByErasure(string blob);

    [LoggerMessage(LogLevel.Information, "Started orchestration {InstanceId}")]
    private partial void LogStarted(string instanceId);

    [LoggerMessage(LogLevel.Warning, "Could not start orchestration {InstanceId}; the batch stays UPLOADED and the sweeper will start it")]
    private partial void LogStartFailed(Exception exception, string instanceId);
}
