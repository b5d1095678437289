using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;
using Outreach.Functions.Ingestion;

namespace Outreach.Cli.Serve;

/// <summary>
/// The container scan of <c>outreach serve</c>, as <c>CsvUploadLocalTrigger</c> is under <c>func start</c>: every few
/// seconds, each blob of <c>prospect-uploads/{campaign}/{file}</c> not yet seen in this version goes through the blob
/// trigger's code (<see cref="BlobUploadProcessor"/>). Ingestion is idempotent, so a file already imported — by an
/// earlier serve, by <c>outreach run</c> — is only looked up.
/// </summary>
internal sealed partial class UploadScanner(LocalDurableEngine engine, ILogger<UploadScanner> logger) : BackgroundService
{
    /// <summary>How often the container is listed.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, ETag?> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = engine.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        var processor = engine.Services.GetRequiredService<BlobUploadProcessor>();
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await foreach (var item in container.GetBlobsAsync(cancellationToken: stoppingToken))
                {
                    if (_seen.TryGetValue(item.Name, out var etag) && etag == item.Properties.ETag)
                    {
                        continue;
                    }

                    // A file at the container's root has no campaign folder: it is recorded as a FAILED upload saying so.
                    var slash = item.Name.IndexOf('/', StringComparison.Ordinal);
                    var result = await processor.ProcessAsync(container.GetBlobClient(item.Name), slash > 0 ? item.Name[..slash] : null, engine.Client, stoppingToken);
                    LogProcessed(item.Name, result.Status.ToString(), result.BatchId);

                    _seen[item.Name] = item.Properties.ETag;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or the database away: the next tick tries again; nothing was marked seen.
                LogScanFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Information, "Upload {Blob}: {Status}, batch {BatchId}")]
    private partial void LogProcessed(string blob, string status, Guid? batchId);

    [LoggerMessage(LogLevel.Warning, "The uploads container scan failed; trying again")]
    private partial void LogScanFailed(Exception exception);
}
