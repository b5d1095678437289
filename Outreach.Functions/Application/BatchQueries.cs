using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Application;

/// <summary>
/// Reads a batch from its stored counters — never by counting prospects — plus its latest job and workflow,
/// and the orchestration's runtime status from whatever Durable client the caller has. The rows come from
/// <see cref="BatchReads"/> (plain SQL); this class turns them into the API's views.
/// </summary>
public sealed class BatchQueries(BatchReads reads)
{
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
        if (await reads.StatusAsync(batchId, cancellationToken) is not { } batch)
        {
            return null;
        }

        var (job, session) = (batch.Job, batch.Session);
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
        var (rows, total) = await reads.ListAsync(campaignId, wanted, (page - 1) * pageSize, pageSize, cancellationToken);
        return new Paged<BatchSummary>(
            [.. rows.Select(b => new BatchSummary(
                b.Id, b.CampaignId, b.CampaignName, b.Name, StatusLabel.Of(b.Status), b.TotalProspects, b.GeneratedEmails, b.FailedProspects,
                b.SkippedProspects, b.CreatedAt, b.CompletedAt))],
            page,
            pageSize,
            total);
    }

    /// <summary>Why the batch's prospects failed, by reason with counts, most frequent first (read by the (batch_id, status) index).</summary>
    public async Task<IReadOnlyList<FailureCount>> FailureReasonsAsync(Guid batchId, CancellationToken cancellationToken)
    {
        return FailureReason.Group(await reads.FailureMessagesAsync(batchId, cancellationToken));
    }

    /// <summary>The orchestration instance of the batch's latest job (the first run's <c>batch-{id}</c> until a retry).</summary>
    public async Task<string?> InstanceIdAsync(Guid batchId, CancellationToken cancellationToken)
    {
        return await reads.LatestInstanceIdAsync(batchId, cancellationToken) ?? Batch.InstanceIdFor(batchId);
    }
}
