using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// Starts a push job (PENDING → RUNNING; again it changes nothing) and pages what is left to send into ordinal ranges
/// of at most a page each. The emails themselves stay in the database: each page reads its own.
/// </summary>
public sealed class StartPush(IDbContextFactory<OutreachDbContext> contexts, SequencerClients sequencers, IOptions<PipelineOptions> options, TimeProvider clock)
{
    /// <summary>Pages at most this many run at once: the sequencer's rate limit is the pace, not the fan-out.</summary>
    public const int MaxPagesInFlight = 2;

    /// <summary>Marks the push started and plans it.</summary>
    [Function(nameof(StartPush))]
    public async Task<PushPlan> RunAsync([ActivityTrigger] PushInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.ProcessingJobs.SingleAsync(j => j.Id == input.JobId, cancellationToken);
        if (job.Status == JobStatus.Pending)
        {
            job.Start(PushInput.InstanceIdOf(job.Id), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        var ordinals = await EmailRow.ToPush(db, input.BatchId, input.Target).Select(r => r.Ordinal).ToListAsync(cancellationToken);
        var size = sequencers.PageSize(input.Target);
        var settings = options.Value;
        return new PushPlan(
            [.. ordinals.Chunk(size).Select(page => new PushRange(page[0], page[^1]))], MaxPagesInFlight, settings.MaxAttempts, settings.FirstRetryDelaySeconds);
    }
}
