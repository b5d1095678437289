using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Application;

/// <summary>
/// Reads a batch from its stored counters — never by counting prospects — plus its latest job and workflow,
/// and the orchestration's runtime status from whatever Durable client the caller has.
/// </summary>
public sealed class BatchQueries(IDbContextFactory<OutreachDbContext> contexts)
{
    // One round trip: the batch with its latest job and its session, compiled once. A status poll is the
    // API's most frequent call, and it reads stored counters only — never the prospects. The two sub-queries
    // repeat BatchLookups inline because a compiled query cannot call a method to build its expression.
    private static readonly Func<OutreachDbContext, Guid, Task<StatusRowData?>> StatusRow = EF.CompileAsyncQuery(
        (OutreachDbContext db, Guid batchId) => db.Batches.AsNoTracking()
            .Where(b => b.Id == batchId)
            .Select(b => new StatusRowData(
                b,
                db.ProcessingJobs.Where(j => j.BatchId == b.Id && j.JobType != JobType.Push).OrderByDescending(j => j.CreatedAt)
                    .Select(j => new StatusJob(j.Id, j.JobType, j.Status, j.ProgressCurrent, j.ProgressTotal, j.InstanceId)).FirstOrDefault(),
                db.WorkflowSessions.Where(w => w.BatchId == b.Id).Select(w => new StatusSession(w.CurrentStep, w.Status)).FirstOrDefault()))
            .SingleOrDefault());

    /// <summary>Looks up runtime statuses through <paramref name="client"/>.</summary>
    public static Func<string, CancellationToken, Task<string?>> RuntimeStatusOf(Microsoft.DurableTask.Client.DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return async (instanceId, ct) => (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct))?.RuntimeStatus.ToString();
    }

    /// <summary>The batch, or null when there is none with that id.</summary>
    /// <param name="batchId">The batch.</param>
    /// <param name="runtimeStatus">Looks up an orchestration instance's runtime status (null when unknown).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<BatchView?> GetAsync(Guid batchId, Func<string, CancellationToken, Task<string?>>? runtimeStatus, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await StatusRow(db, batchId);
        if (row is null)
        {
            return null;
        }

        var (batch, job, session) = (row.Batch, row.Job, row.Session);
        var final = BatchOutcome.IsFinal(batch.Status);
        var done = batch.GeneratedEmails + batch.FailedProspects + batch.SkippedProspects;
        return new BatchView(
            batch.Id,
            batch.CampaignId,
            batch.Name,
            StatusLabel.Of(batch.Status),
            batch.TotalProspects,
            batch.EnrichedProspects,
            batch.GeneratedEmails,
            batch.FailedProspects,
            batch.SkippedProspects,
            batch.TotalProspects == 0 ? (final ? 100 : 0) : Math.Round(100.0 * done / batch.TotalProspects, 1),
            job is null ? null : new JobView(job.Id, StatusLabel.Of(job.JobType), StatusLabel.Of(job.Status), job.ProgressCurrent, job.ProgressTotal),
            session is null ? null : new WorkflowView(StatusLabel.Of(session.CurrentStep), StatusLabel.Of(session.Status)),
            runtimeStatus is null ? null : await runtimeStatus(job?.InstanceId ?? batch.InstanceId, cancellationToken),
            batch.StartedAt,
            batch.CompletedAt,
            final ? new ResultsView($"{ResultsWriter.ResultsContainer}/{batch.Id:D}/emails.csv", $"{ResultsWriter.ResultsContainer}/{batch.Id:D}/rejected.csv") : null,
            batch.ErrorMessage,
            new TokensView(batch.PromptTokens, batch.CompletionTokens),
            batch.ErasedProspects);
    }

    /// <summary>A page of batches, newest first, optionally of one campaign and one status (a database label, any case).</summary>
    public async Task<Paged<BatchSummary>> ListAsync(Guid? campaignId, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? (BatchStatus?)null : ProspectQueries.Parse<BatchStatus>(status, "status");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Batches.AsNoTracking().Where(b => (campaignId == null || b.CampaignId == campaignId) && (wanted == null || b.Status == wanted));
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Campaigns, b => b.CampaignId, c => c.Id, (b, c) => new { b, CampaignName = c.Name })
            .ToListAsync(cancellationToken);
        return new Paged<BatchSummary>(
            [.. rows.Select(r => new BatchSummary(
                r.b.Id, r.b.CampaignId, r.CampaignName, r.b.Name, StatusLabel.Of(r.b.Status), r.b.TotalProspects, r.b.GeneratedEmails, r.b.FailedProspects,
                r.b.SkippedProspects, r.b.CreatedAt, r.b.CompletedAt))],
            page,
            pageSize,
            total);
    }

    /// <summary>Why the batch's prospects failed, by reason with counts, most frequent first (read by the (batch_id, status) index).</summary>
    public async Task<IReadOnlyList<FailureCount>> FailureReasonsAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var messages = await db.Prospects.AsNoTracking().Where(p => p.BatchId == batchId && p.Status == ProspectStatus.Failed)
            .GroupBy(p => p.ErrorMessage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return FailureReason.Group(messages.Select(m => (m.Key, m.Count)));
    }

    /// <summary>The orchestration instance of the batch's latest job (the first run's <c>batch-{id}</c> until a retry).</summary>
    public async Task<string?> InstanceIdAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ProcessingJobs.AsNoTracking().NewestFirstOf(batchId).Select(j => j.InstanceId).FirstOrDefaultAsync(cancellationToken)
            ?? Batch.InstanceIdFor(batchId);
    }
}
