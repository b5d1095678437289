using Outreach.Data.Reads;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Application;

/// <summary>A processing job as <c>GET /api/jobs/{id}</c> shows it.</summary>
public sealed record JobDetail(
    Guid Id, Guid BatchId, Guid CampaignId, string Type, string Status, int ProgressCurrent, int ProgressTotal, double PercentDone,
    string? InstanceId, string? ErrorMessage, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

/// <summary>Reads processing jobs.</summary>
public sealed class JobQueries(BatchReads reads)
{
    /// <summary>The job, or null.</summary>
    public async Task<JobDetail?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var j = await reads.JobAsync(id, cancellationToken);
        return j is null ? null : new JobDetail(
            j.Id, j.BatchId, j.CampaignId, StatusLabel.Of(j.JobType), StatusLabel.Of(j.Status), j.ProgressCurrent, j.ProgressTotal,
            j.ProgressTotal == 0 ? 100 : Math.Round(100.0 * j.ProgressCurrent / j.ProgressTotal, 1), j.InstanceId, j.ErrorMessage, j.CreatedAt, j.StartedAt, j.CompletedAt);
    }
}
