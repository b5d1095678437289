using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// One page of a push: the page's emails that are still to send go to the sequencer in calls of its batch size, and
/// each call's answers are recorded in email_pushes before the next call — so a page that fails halfway (a 429 storm
/// outlasting the retries, a restart) is tried again with only what has no answer yet, and nothing lands twice.
/// </summary>
public sealed class PushLeads(IDbContextFactory<OutreachDbContext> contexts, SequencerClients sequencers, TimeProvider clock)
{
    /// <summary>Pushes the page.</summary>
    [Function(nameof(PushLeads))]
    public async Task<PushPageResult> RunAsync([ActivityTrigger] PushPageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var push = input.Push;
        var client = sequencers.For(push.Target);
        if (!await client.IsConfiguredAsync(cancellationToken))
        {
            throw new PermanentProspectException($"{push.Target} is not configured: set {client.KeySetting}.");
        }

        List<EmailRow> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.ProcessingJobs.AnyAsync(j => j.Id == push.JobId && j.Status == JobStatus.Running, cancellationToken))
            {
                return new PushPageResult(0, 0, 0);
            }

            rows = await EmailRow.ToPush(db, push.BatchId, push.Target, input.From, input.To).ToListAsync(cancellationToken);
        }

        var (pushed, skipped, failed) = (0, 0, 0);
        foreach (var call in rows.Chunk(client.BatchLimit))
        {
            var results = await client.PushAsync(push.Campaign, [.. call.Select(r => r.ToLead())], cancellationToken);
            await RecordAsync(push, results, cancellationToken);
            pushed += results.Count(r => r.Status == PushStatus.Pushed);
            skipped += results.Count(r => r.Status == PushStatus.Skipped);
            failed += results.Count(r => r.Status == PushStatus.Failed);
        }

        return new PushPageResult(pushed, skipped, failed);
    }

    private async Task RecordAsync(PushInput push, IReadOnlyList<LeadResult> results, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = results.Select(r => r.EmailId).ToList();
        var earlier = await db.EmailPushes.Where(p => ids.Contains(p.GeneratedEmailId) && p.Target == push.Target).ToDictionaryAsync(p => p.GeneratedEmailId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var result in results)
        {
            var reason = result.Reason is null ? null : SecretScrubber.Scrub(result.Reason);
            if (earlier.TryGetValue(result.EmailId, out var row))
            {
                if (row.CanRetry)
                {
                    row.Retry(push.JobId, push.Campaign, result.Status, result.ExternalLeadId, reason, now);
                }
            }
            else
            {
                db.EmailPushes.Add(new EmailPush(result.EmailId, push.BatchId, push.JobId, push.Target, push.Campaign, result.Status, result.ExternalLeadId, reason, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
