using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Persistence;

/// <summary>
/// The lookups every part of the app makes about a batch, written once: its latest job (a retry is a new job, so
/// "the" job of a batch is the newest), and its workflow session (one per batch). Queries compose on them, so a caller adds its own projection or
/// tracking. Reads that never build an EF query have the same rules in SQL (Outreach.Data.Reads.BatchReads).
/// </summary>
public static class BatchLookups
{
    /// <summary>
    /// The batch's pipeline jobs, newest first: <c>.FirstOrDefaultAsync()</c> is its latest job. A push to a sequencer is a
    /// job of the batch too, but not a run of its pipeline: it never becomes what the batch's status, pause or retry act on.
    /// </summary>
    public static IQueryable<ProcessingJob> NewestFirstOf(this IQueryable<ProcessingJob> jobs, Guid batchId) =>
        jobs.Where(j => j.BatchId == batchId && j.JobType != JobType.Push).OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id);

    /// <summary>The batch's latest job, or null before its first run.</summary>
    public static Task<ProcessingJob?> LatestOfAsync(this IQueryable<ProcessingJob> jobs, Guid batchId, CancellationToken cancellationToken) =>
        jobs.NewestFirstOf(batchId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The batch's workflow session, or null (a batch created outside an upload has none).</summary>
    public static Task<WorkflowSession?> OfBatchAsync(this IQueryable<WorkflowSession> sessions, Guid batchId, CancellationToken cancellationToken) =>
        sessions.SingleOrDefaultAsync(w => w.BatchId == batchId, cancellationToken);
}
