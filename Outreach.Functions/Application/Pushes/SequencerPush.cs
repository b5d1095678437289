using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Application.Pushes;

/// <summary>
/// Starting a push of a batch's approved emails to a sequencer, and reading what became of them. A push needs an
/// ended batch, a campaign that can be lawfully sent (footer and opt-out: <see cref="CampaignCompliance.MissingForSending"/>),
/// the sequencer's key, and something left to send; one push of a batch runs at a time.
/// </summary>
public sealed class SequencerPush(IDbContextFactory<OutreachDbContext> contexts, SequencerClients sequencers, TimeProvider clock)
{
    /// <summary>Checks and starts a push: a PUSH job and its orchestration.</summary>
    public async Task<ControlResult> StartAsync(Guid batchId, PushRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var target = string.IsNullOrWhiteSpace(request.Target)
            ? throw new DomainValidationException("target is required: instantly, smartlead or lemlist.")
            : ProspectQueries.Parse<PushTarget>(request.Target, "target");
        var campaign = string.IsNullOrWhiteSpace(request.Campaign)
            ? throw new DomainValidationException($"campaign is required: the id of the {StatusLabel.Of(target).ToLowerInvariant()} campaign the leads go to.")
            : request.Campaign.Trim();
        if (campaign.Length > 200 || campaign.Any(char.IsControl))
        {
            throw new DomainValidationException("campaign must be the sequencer's campaign id (at most 200 characters).");
        }

        var client = sequencers.For(target);
        if (!await client.IsConfiguredAsync(cancellationToken))
        {
            return new ControlResult(ControlOutcome.Conflict, $"{StatusLabel.Of(target)} is not configured: set {client.KeySetting} (an app setting or Key Vault reference).");
        }

        Guid jobId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Batches.FromSql($"SELECT * FROM batches WHERE id = {batchId} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (batch is null)
            {
                return new ControlResult(ControlOutcome.NotFound, $"No batch {batchId}.");
            }

            if (batch.Status is not (BatchStatus.Completed or BatchStatus.Partial))
            {
                return new ControlResult(ControlOutcome.Conflict, $"Only an ended batch with emails (COMPLETED or PARTIAL) can be pushed; batch {batchId} is {StatusLabel.Of(batch.Status)}.");
            }

            var owner = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == batch.CampaignId, cancellationToken);
            if (new CampaignCompliance(owner.Footer, owner.Unsubscribe).MissingForSending(owner.Name) is { } unlawful)
            {
                return new ControlResult(ControlOutcome.Conflict, unlawful);
            }

            if (await db.ProcessingJobs.AsNoTracking().Where(j => j.BatchId == batchId && j.JobType == JobType.Push && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running))
                .Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken) is { } running)
            {
                return new ControlResult(ControlOutcome.Conflict, $"A push of batch {batchId} is already running (job {running}).");
            }

            var withoutFooter = await EmailRow.CountApprovedWithoutFooterAsync(db, batchId, cancellationToken);
            if (withoutFooter > 0)
            {
                return new ControlResult(ControlOutcome.Conflict,
                    $"{withoutFooter} approved email(s) of batch {batchId} were written before campaign '{owner.Name}' had a footer: reject them and write them again (regenerate) so they carry it, then push.");
            }

            var toSend = await EmailRow.ToPush(db, batchId, target).CountAsync(cancellationToken);
            if (toSend == 0)
            {
                return new ControlResult(ControlOutcome.Conflict, $"Batch {batchId} has nothing left to push to {StatusLabel.Of(target)}: no approved email that was not pushed there already.");
            }

            var job = new ProcessingJob(batch.CampaignId, batchId, JobType.Push, toSend, clock.GetUtcNow());
            db.ProcessingJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            jobId = job.Id;
        }

        var instance = PushInput.InstanceIdOf(jobId);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(PushBatchOrchestrator), new PushInput(jobId, batchId, target, campaign), new StartOrchestrationOptions(instance), cancellationToken);
        return new ControlResult(ControlOutcome.Accepted, JobId: jobId, InstanceId: instance);
    }

    /// <summary>The batch's pushes, or null when there is no such batch.</summary>
    public async Task<PushesView?> GetAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Batches.AnyAsync(b => b.Id == batchId, cancellationToken))
        {
            return null;
        }

        var counts = await db.EmailPushes.AsNoTracking().Where(p => p.BatchId == batchId)
            .GroupBy(p => new { p.Target, p.Status }).Select(g => new { g.Key.Target, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var jobs = await db.ProcessingJobs.AsNoTracking().Where(j => j.BatchId == batchId && j.JobType == JobType.Push).OrderByDescending(j => j.CreatedAt)
            .ToListAsync(cancellationToken);
        var notPushed = await db.EmailPushes.AsNoTracking().Where(p => p.BatchId == batchId && p.Status != PushStatus.Pushed).OrderBy(p => p.CreatedAt).Take(100)
            .ToListAsync(cancellationToken);
        return new PushesView(
            batchId,
            [.. counts.GroupBy(c => c.Target).OrderBy(g => g.Key).Select(g => new PushTargetView(
                StatusLabel.Of(g.Key),
                g.Where(c => c.Status == PushStatus.Pushed).Sum(c => c.Count),
                g.Where(c => c.Status == PushStatus.Skipped).Sum(c => c.Count),
                g.Where(c => c.Status == PushStatus.Failed).Sum(c => c.Count)))],
            [.. jobs.Select(j => new PushJobView(j.Id, StatusLabel.Of(j.Status), j.ProgressCurrent, j.ProgressTotal, j.ErrorMessage, j.CreatedAt, j.CompletedAt))],
            [.. notPushed.Select(p => new PushedEmailView(p.GeneratedEmailId, StatusLabel.Of(p.Target), p.TargetCampaign, StatusLabel.Of(p.Status), p.Error))]);
    }
}
