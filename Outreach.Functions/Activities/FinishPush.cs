using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// Fan-in of a push: the job COMPLETED (some leads may have been skipped or refused one by one — they are in
/// email_pushes with the reason) or FAILED when a page failed for good (a refused key, an unknown campaign), with its
/// progress the emails the job recorded. Again it changes nothing and gives the same summary.
/// </summary>
public sealed class FinishPush(IDbContextFactory<OutreachDbContext> contexts, TimeProvider clock)
{
    /// <summary>Finishes the push.</summary>
    [Function(nameof(FinishPush))]
    public async Task<PushSummary> RunAsync([ActivityTrigger] FinishPushInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var push = input.Push;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.ProcessingJobs.SingleAsync(j => j.Id == push.JobId, cancellationToken);
        var counts = await db.EmailPushes.Where(p => p.BatchId == push.BatchId && p.Target == push.Target)
            .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (job.Status == JobStatus.Running)
        {
            var now = clock.GetUtcNow();
            job.ReportProgress(await db.EmailPushes.CountAsync(p => p.JobId == job.Id, cancellationToken), now);
            if (input.FailureReason is { } reason)
            {
                job.Fail(reason, now);
            }
            else
            {
                job.Complete(now);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new PushSummary(
            job.Status, counts.GetValueOrDefault(PushStatus.Pushed), counts.GetValueOrDefault(PushStatus.Skipped), counts.GetValueOrDefault(PushStatus.Failed), job.ErrorMessage);
    }
}
