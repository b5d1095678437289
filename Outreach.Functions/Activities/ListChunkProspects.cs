using Microsoft.Azure.Functions.Worker;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>The ids (no other data) of the chunk's prospects that the job still has to work on, in ordinal order.</summary>
public sealed class ListChunkProspects(IDbContextFactory<OutreachDbContext> contexts)
{
    /// <summary>The statuses a job of <paramref name="jobType"/> picks up; the activities skip what is already done.</summary>
    public static ProspectStatus[] EligibleStatuses(JobType jobType) => jobType switch
    {
        JobType.Enrichment => [ProspectStatus.Pending, ProspectStatus.Enriching],
        JobType.Generation => [ProspectStatus.Enriched, ProspectStatus.Generating],
        _ => [ProspectStatus.Pending, ProspectStatus.Enriching, ProspectStatus.Enriched, ProspectStatus.Generating],
    };

    /// <summary>Lists the chunk.</summary>
    [Function(nameof(ListChunkProspects))]
    public async Task<List<Guid>> RunAsync([ActivityTrigger] ChunkInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var eligible = EligibleStatuses(input.JobType);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Prospects.AsNoTracking()
            .Where(p => p.BatchId == input.BatchId && p.Ordinal >= input.FromOrdinal && p.Ordinal <= input.ToOrdinal && eligible.Contains(p.Status))
            .OrderBy(p => p.Ordinal)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
    }
}
