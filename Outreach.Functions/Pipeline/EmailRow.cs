using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// A completed email of a batch with what every way out of the app needs — the export files and the sequencer push —
/// read by one query (<see cref="Of"/>) that leaves out anyone suppressed since the import.
/// </summary>
public sealed record EmailRow(
    Guid EmailId,
    int Ordinal,
    string? Name,
    string Email,
    string? Company,
    string? Title,
    string? Website,
    string? Subject,
    string? Body,
    ReviewStatus ReviewStatus,
    string? Model,
    DateTimeOffset? GeneratedAt,
    string? ExternalId,
    string? Footer,
    string? Unsubscribe)
{
    /// <summary>The batch's completed emails in ordinal order, suppressed people left out; <paramref name="approvedOnly"/> keeps approved ones.</summary>
    public static IQueryable<EmailRow> Of(OutreachDbContext db, Guid batchId, bool approvedOnly) =>
        Project(Rows(db, batchId, approvedOnly));

    /// <summary>
    /// What a push to <paramref name="target"/> still has to send, in ordinal order: approved, not suppressed, written with
    /// its campaign's footer, and not yet pushed or skipped there (a FAILED email goes again). Narrowed to the ordinals
    /// [<paramref name="fromOrdinal"/>, <paramref name="toOrdinal"/>] when given.
    /// </summary>
    public static IQueryable<EmailRow> ToPush(OutreachDbContext db, Guid batchId, PushTarget target, int fromOrdinal = 0, int toOrdinal = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Project(Rows(db, batchId, approvedOnly: true)
            .Where(x => x.P.Ordinal >= fromOrdinal && x.P.Ordinal <= toOrdinal && x.E.Footer != null
                && !db.EmailPushes.Any(s => s.GeneratedEmailId == x.E.Id && s.Target == target && s.Status != PushStatus.Failed)));
    }

    /// <summary>How many approved, unsuppressed emails of the batch were written before their campaign had a footer (they cannot be pushed as they are).</summary>
    public static Task<int> CountApprovedWithoutFooterAsync(OutreachDbContext db, Guid batchId, CancellationToken cancellationToken) =>
        Rows(db, batchId, approvedOnly: true).CountAsync(x => x.E.Footer == null, cancellationToken);

    private static IQueryable<Joined> Rows(OutreachDbContext db, Guid batchId, bool approvedOnly)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from p in db.Prospects.AsNoTracking().NotSuppressed(db.Suppressions)
               join e in db.GeneratedEmails.AsNoTracking() on p.Id equals e.ProspectId
               join c in db.Campaigns.AsNoTracking() on p.CampaignId equals c.Id
               where p.BatchId == batchId && e.GenerationStatus == GenerationStatus.Completed
                   && (!approvedOnly || e.ReviewStatus == ReviewStatus.Approved)
               select new Joined { P = p, E = e, C = c };
    }

    private static IQueryable<EmailRow> Project(IQueryable<Joined> rows) =>
        from x in rows
        orderby x.P.Ordinal
        select new EmailRow(x.E.Id, x.P.Ordinal, x.P.Name, x.P.Email, x.P.Company, x.P.Title, x.P.Website, x.E.Subject, x.E.Body, x.E.ReviewStatus, x.E.Model,
            x.E.GeneratedAt, x.P.ExternalId, x.E.Footer, x.C.Unsubscribe);

    /// <summary>The email as a sequencer's lead.</summary>
    public SequencerLead ToLead()
    {
        var (first, last) = PersonName.Split(Name);
        return new SequencerLead(EmailId, Email, first, last, Company, Title, Website, Subject ?? string.Empty, Body ?? string.Empty, Footer, CampaignCompliance.ListUnsubscribe(Unsubscribe), ExternalId);
    }

    // A named shape (not an anonymous type) so the two queries can share the join and add their own filters.
    private sealed class Joined
    {
        public Prospect P { get; init; } = null!;

        public GeneratedEmail E { get; init; } = null!;

        public Campaign C { get; init; } = null!;
    }
}
