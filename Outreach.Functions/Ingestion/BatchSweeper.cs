using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;

namespace Outreach.Functions.Ingestion;

/// <summary>
/// Starts batches that were committed but never started (the process stopped between the commit and the
/// orchestration start, or the start failed). A batch qualifies once it has been UPLOADED, with no processing
/// job, for longer than <see cref="Grace"/> — so a start that is merely in flight is not raced.
/// </summary>
public sealed partial class BatchSweeper(IDbContextFactory<OutreachDbContext> contexts, BlobUploadProcessor processor, TimeProvider clock, ILogger<BatchSweeper> logger)
{
    /// <summary>How long a batch may sit UPLOADED before the sweeper starts it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>Starts up to 100 stranded batches, oldest first; returns how many were started.</summary>
    public async Task<int> SweepAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - Grace;
        List<Guid> stranded;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stranded = await db.Batches.AsNoTracking()
                .Where(b => b.Status == BatchStatus.Uploaded && b.CreatedAt < cutoff && !db.ProcessingJobs.Any(j => j.BatchId == b.Id))
                .OrderBy(b => b.CreatedAt)
                .Select(b => b.Id)
                .Take(100)
                .ToListAsync(cancellationToken);
        }

        var started = 0;
        foreach (var batchId in stranded)
        {
            if (await processor.StartBatchAsync(durable, batchId, cancellationToken))
            {
                started++;
            }
        }

        if (stranded.Count > 0)
        {
            LogSwept(stranded.Count, started);
        }

        return started;
    }

    [LoggerMessage(LogLevel.Information, "Sweeper found {Stranded} batches left UPLOADED and started {Started}")]
    private partial void LogSwept(int stranded, int started);
}
