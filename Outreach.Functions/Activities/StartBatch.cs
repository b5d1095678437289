using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Persistence;

namespace Outreach.Functions.Activities;

/// <summary>Input of <see cref="StartBatch"/>.</summary>
public sealed record StartBatchInput(Guid BatchId, string InstanceId);

/// <summary>Output of <see cref="StartBatch"/>: whether this call started the batch, and its size.</summary>
public sealed record StartBatchResult(bool Started, int TotalProspects);

/// <summary>
/// UPLOADED → ENRICHING, a FULL_PIPELINE processing job RUNNING, and the workflow at BEGIN_ENRICHMENT — in one
/// transaction, behind a guarded update, so a repeated execution of the activity changes nothing.
/// </summary>
public sealed class StartBatch(IDbContextFactory<OutreachDbContext> contexts, TimeProvider clock)
{
    /// <summary>Marks the batch started.</summary>
    [Function(nameof(StartBatch))]
    public async Task<StartBatchResult> RunAsync([ActivityTrigger] StartBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();

        // The guard: only the execution that moves the batch out of UPLOADED does the rest.
        var moved = await db.Database.ExecuteSqlAsync(
            $"UPDATE batches SET status = 'ENRICHING', started_at = coalesce(started_at, {now}), updated_at = {now} WHERE id = {input.BatchId} AND status = 'UPLOADED'",
            cancellationToken);
        var batch = await db.Batches.AsNoTracking().SingleAsync(b => b.Id == input.BatchId, cancellationToken);
        if (moved == 0)
        {
            return new StartBatchResult(false, batch.TotalProspects);
        }

        var job = new ProcessingJob(batch.CampaignId, batch.Id, JobType.FullPipeline, batch.TotalProspects, now);
        job.Start(input.InstanceId, now);
        db.ProcessingJobs.Add(job);
        var session = await db.WorkflowSessions.SingleOrDefaultAsync(w => w.BatchId == batch.Id, cancellationToken);
        if (session is { Status: WorkflowStatus.Active } && session.CurrentStep < WorkflowStep.BeginEnrichment)
        {
            session.AdvanceTo(WorkflowStep.BeginEnrichment, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StartBatchResult(true, batch.TotalProspects);
    }
}
