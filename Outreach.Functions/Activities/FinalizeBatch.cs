using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// Fan-in: the batch's final status from its stored counters (COMPLETED, PARTIAL or FAILED), the job
/// COMPLETED (or FAILED when nothing completed), the workflow COMPLETED (or ERROR; a wizard's session waits at
/// EMAIL_GENERATION for its review — <see cref="Domain.Entities.WorkflowSession.FinishPipeline"/>), and the results CSVs.
/// A second execution finds everything final and only rewrites the same files.
/// </summary>
public sealed class FinalizeBatch(IDbContextFactory<OutreachDbContext> contexts, ResultsWriter results, TimeProvider clock)
{
    /// <summary>Finishes the run.</summary>
    [Function(nameof(FinalizeBatch))]
    public async Task<FinalizeBatchResult> RunAsync([ActivityTrigger] FinalizeBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Domain.Entities.Batch batch;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            batch = await db.Batches.SingleAsync(b => b.Id == input.BatchId, cancellationToken);
            if (!BatchOutcome.IsFinal(batch.Status))
            {
                batch.Finish(now);
            }

            var failed = batch.Status == BatchStatus.Failed;
            var reason = batch.ErrorMessage ?? "No prospect completed.";
            var job = await db.ProcessingJobs.SingleAsync(j => j.Id == input.JobId, cancellationToken);
            if (job.Status == JobStatus.Running)
            {
                if (failed)
                {
                    job.Fail(reason, now);
                }
                else
                {
                    job.Complete(now);
                }
            }

            var session = await db.WorkflowSessions.OfBatchAsync(batch.Id, cancellationToken);
            session?.FinishPipeline(failed, reason, now);

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var (emails, rejected) = await results.WriteAsync(input.BatchId, cancellationToken);
        return new FinalizeBatchResult(batch.Status, batch.TotalProspects, batch.GeneratedEmails, batch.FailedProspects, emails, rejected, batch.SkippedProspects);
    }
}
