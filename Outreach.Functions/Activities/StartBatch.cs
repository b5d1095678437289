using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// Input of <see cref="StartBatch"/>: a first run names no job; a retry names the job it created; <paramref name="Restarted"/>
/// says a resume started the run again after its orchestration ended early.
/// </summary>
public sealed record StartBatchInput(Guid BatchId, string InstanceId, Guid? JobId = null, JobType JobType = JobType.FullPipeline, bool Restarted = false);

/// <summary>
/// Starts a run and returns its plan. A first run moves the batch UPLOADED → ENRICHING behind a guarded
/// update, opens a FULL_PIPELINE job RUNNING and moves the workflow to BEGIN_ENRICHMENT; a retry starts the
/// job it was given. Running it again finds the job it made and changes nothing. The pipeline settings reach
/// the orchestrator here, not through DI.
/// </summary>
public sealed class StartBatch(IDbContextFactory<OutreachDbContext> contexts, IOptions<PipelineOptions> options, TimeProvider clock)
{
    /// <summary>Marks the run started and plans it.</summary>
    [Function(nameof(StartBatch))]
    public async Task<BatchPlan> RunAsync([ActivityTrigger] StartBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var job = input.JobId is { } jobId
            ? await StartRetryJobAsync(db, jobId, input.InstanceId, now, cancellationToken)
            : await StartFirstRunAsync(db, input, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var settings = options.Value;
        var total = await db.Batches.Where(b => b.Id == input.BatchId).Select(b => b.TotalProspects).SingleAsync(cancellationToken);
        var chunkSize = settings.ChunkSizeFor(total);
        IReadOnlyList<int>? windows = null;
        if (input.JobId is not null || input.Restarted)
        {
            // A retry, or a run started again, visits only the windows that hold prospects to (re)do.
            var eligible = ListChunkProspects.EligibleStatuses(job.JobType);
            windows = await db.Prospects
                .Where(p => p.BatchId == input.BatchId && eligible.Contains(p.Status))
                .Select(p => p.Ordinal / chunkSize).Distinct().OrderBy(w => w).ToListAsync(cancellationToken);
        }

        return new BatchPlan(
            job.Id, job.JobType, total, chunkSize, settings.MaxChunksInFlight, windows, settings.MaxAttempts, settings.FirstRetryDelaySeconds, settings.PurgeChunkHistories,
            settings.MaxProspectsInFlightPerChunk);
    }

    private static async Task<ProcessingJob> StartFirstRunAsync(OutreachDbContext db, StartBatchInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The guard: only the execution that moves the batch out of UPLOADED opens the job.
        var moved = await StatusTransitions.MoveBatchAsync(
            (NpgsqlConnection)db.Database.GetDbConnection(), input.BatchId, [BatchStatus.Uploaded], BatchStatus.Enriching, BatchTimestamp.Started, now, cancellationToken);
        if (!moved)
        {
            return await db.ProcessingJobs.Where(j => j.BatchId == input.BatchId && j.InstanceId == input.InstanceId).OrderBy(j => j.CreatedAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Batch {input.BatchId} is not UPLOADED and has no job for {input.InstanceId}.");
        }

        var batch = await db.Batches.AsNoTracking().SingleAsync(b => b.Id == input.BatchId, cancellationToken);
        var job = new ProcessingJob(batch.CampaignId, batch.Id, JobType.FullPipeline, batch.TotalProspects, now);
        job.Start(input.InstanceId, now);
        db.ProcessingJobs.Add(job);
        var session = await db.WorkflowSessions.OfBatchAsync(batch.Id, cancellationToken);
        if (session is { Status: WorkflowStatus.Active } && session.CurrentStep < WorkflowStep.BeginEnrichment)
        {
            session.AdvanceTo(WorkflowStep.BeginEnrichment, now);
        }

        return job;
    }

    private static async Task<ProcessingJob> StartRetryJobAsync(OutreachDbContext db, Guid jobId, string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = await db.ProcessingJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        if (job.Status == JobStatus.Pending)
        {
            job.Start(instanceId, now);
        }

        return job;
    }
}
