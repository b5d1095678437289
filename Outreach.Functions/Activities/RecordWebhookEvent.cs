using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions.Activities;

/// <summary>
/// Records an event for every receiver (one webhook_deliveries row each, its data read from the database now) and
/// starts the deliveries as their own orchestration, so a receiver that is down delays nobody: the batch or push
/// that raised the event ends at once, and the deliveries retry on durable timers. Recording it again adds nothing
/// and starts nothing new.
/// </summary>
public sealed class RecordWebhookEvent(IDbContextFactory<OutreachDbContext> contexts, WebhookReceivers receivers, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Records the event and starts its deliveries; returns how many receivers it goes to.</summary>
    [Function(nameof(RecordWebhookEvent))]
    public async Task<int> RunAsync([ActivityTrigger] WebhookEvent input, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(durable);
        var all = await receivers.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var payload = CloudEvent.Of(input.Type, input.Subject, now, await DataAsync(db, input, cancellationToken)).ToJson();
        var known = await db.WebhookDeliveries.Where(d => d.EventType == input.Type && d.Subject == input.Subject).ToListAsync(cancellationToken);
        foreach (var receiver in all.Where(r => known.All(k => k.Endpoint != r.Key)))
        {
            var delivery = new WebhookDelivery(receiver.Key, receiver.Url, input.Type, input.Subject, payload, now);
            db.WebhookDeliveries.Add(delivery);
            known.Add(delivery);
        }

        await db.SaveChangesAsync(cancellationToken);
        var pending = known.Where(d => d.Status == WebhookDeliveryStatus.Pending).Select(d => d.Id).Order().ToList();
        var instance = $"webhooks-{known[0].Id:N}";
        if (pending.Count > 0 && await durable.GetInstanceAsync(instance, getInputsAndOutputs: false, cancellationToken) is null)
        {
            var settings = options.CurrentValue;
            await durable.ScheduleNewOrchestrationInstanceAsync(
                WebhookDeliveryPlan.OrchestratorName, new WebhookDeliveryPlan(pending, settings.MaxAttempts, settings.FirstRetryDelaySeconds), new StartOrchestrationOptions(instance), cancellationToken);
        }

        return known.Count;
    }

    // Counts and ids only: no prospect's data ever leaves in an event.
    private static async Task<object> DataAsync(OutreachDbContext db, WebhookEvent input, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().SingleAsync(b => b.Id == input.BatchId, cancellationToken);
        var job = await db.ProcessingJobs.AsNoTracking().SingleAsync(j => j.Id == input.JobId, cancellationToken);
        if (input.Type == WebhookEvent.PushFinished)
        {
            var counts = await db.EmailPushes.Where(p => p.BatchId == input.BatchId && p.Target == input.Target)
                .GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            return new
            {
                batchId = batch.Id,
                campaignId = batch.CampaignId,
                jobId = job.Id,
                status = StatusLabel.Of(job.Status),
                target = input.Target is { } t ? StatusLabel.Of(t) : null,
                sequencerCampaign = input.Campaign,
                pushed = counts.GetValueOrDefault(PushStatus.Pushed),
                skipped = counts.GetValueOrDefault(PushStatus.Skipped),
                failed = counts.GetValueOrDefault(PushStatus.Failed),
                error = job.ErrorMessage,
            };
        }

        return new
        {
            batchId = batch.Id,
            campaignId = batch.CampaignId,
            jobId = job.Id,
            name = batch.Name,
            status = StatusLabel.Of(batch.Status),
            totalProspects = batch.TotalProspects,
            generatedEmails = batch.GeneratedEmails,
            failedProspects = batch.FailedProspects,
            skippedProspects = batch.SkippedProspects,
            error = batch.ErrorMessage,
        };
    }
}
