using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Persistence;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Api;

/// <summary>A prospect in a list.</summary>
public sealed record ProspectSummary(Guid Id, int Ordinal, string? Name, string Email, string? Company, string? Title, string Status, string? ErrorMessage);

/// <summary>A prospect with everything the pipeline produced for it.</summary>
public sealed record ProspectDetail(
    Guid Id, Guid BatchId, Guid CampaignId, int Ordinal, string? Name, string Email, string? Company, string? Title, string? LinkedinUrl, string? Website,
    string Status, string? ErrorMessage, IReadOnlyDictionary<string, string> AdditionalData, EnrichmentView? Enrichment, AnalysisView? Analysis, EmailView? GeneratedEmail);

/// <summary>What enrichment found.</summary>
public sealed record EnrichmentView(
    string Status, string? CompanyWebsite, string? CompanySummary, string? LinkedinSummary, IReadOnlyList<TechStackItem> TechStack,
    IReadOnlyDictionary<string, SourceResult> Sources, string? ErrorMessage);

/// <summary>The analysis.</summary>
public sealed record AnalysisView(
    IReadOnlyList<string> PersonalizationOpportunities, IReadOnlyList<string> PainPoints, string? MarketPosition, string? SuggestedApproach,
    string? ExecutiveSummary, float? ConfidenceScore, IReadOnlyList<string> Sources, string? Model);

/// <summary>A generated email.</summary>
public sealed record EmailView(
    Guid Id, Guid ProspectId, string? Name, string? Email, string? Company, string? Subject, string? Body, string GenerationStatus, string ReviewStatus,
    string? Model, DateTimeOffset? GeneratedAt, DateTimeOffset? ReviewedAt);

/// <summary>The body of <c>PUT /api/emails/{id}/review</c>.</summary>
public sealed record ReviewRequest(string? Status);

/// <summary>Prospects, their results and the batch's emails, paged and read by index; and the review of an email.</summary>
public sealed class ProspectQueries(IDbContextFactory<OutreachDbContext> contexts, TimeProvider clock)
{
    /// <summary>A page of a batch's prospects in ordinal order, optionally of one status.</summary>
    public async Task<Paged<ProspectSummary>> ListAsync(Guid batchId, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? (ProspectStatus?)null : Parse<ProspectStatus>(status, "status");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureBatchAsync(db, batchId, cancellationToken);
        var query = db.Prospects.AsNoTracking().Where(p => p.BatchId == batchId && (wanted == null || p.Status == wanted));
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(p => p.Ordinal).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new { p.Id, p.Ordinal, p.Name, p.Email, p.Company, p.Title, p.Status, p.ErrorMessage })
            .ToListAsync(cancellationToken);
        return new Paged<ProspectSummary>(
            [.. items.Select(p => new ProspectSummary(p.Id, p.Ordinal, p.Name, p.Email, p.Company, p.Title, StatusLabel.Of(p.Status), p.ErrorMessage))], page, pageSize, total);
    }

    /// <summary>One prospect with its enrichment, analysis and email, or null.</summary>
    public async Task<ProspectDetail?> GetAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var p = await db.Prospects.AsNoTracking().AsSplitQuery()
            .Include(x => x.Enrichment).Include(x => x.Analysis).Include(x => x.GeneratedEmail)
            .SingleOrDefaultAsync(x => x.Id == prospectId, cancellationToken);
        if (p is null)
        {
            return null;
        }

        var e = p.Enrichment;
        var a = p.Analysis;
        return new ProspectDetail(
            p.Id, p.BatchId, p.CampaignId, p.Ordinal, p.Name, p.Email, p.Company, p.Title, p.LinkedinUrl, p.Website, StatusLabel.Of(p.Status), p.ErrorMessage, p.AdditionalData,
            e is null ? null : new EnrichmentView(StatusLabel.Of(e.Status), e.CompanyWebsite, e.CompanySummary, e.LinkedinSummary, e.TechStack, e.EnrichmentData, e.ErrorMessage),
            a is null ? null : new AnalysisView(a.PersonalizationOpportunities, a.PainPoints, a.MarketPosition, a.SuggestedApproach, a.ExecutiveSummary, a.ConfidenceScore, a.Sources, a.Model),
            p.GeneratedEmail is null ? null : View(p.GeneratedEmail, p));
    }

    /// <summary>A page of the batch's generated emails in ordinal order (only approved ones when asked).</summary>
    public async Task<Paged<EmailView>> EmailsAsync(Guid batchId, bool approvedOnly, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureBatchAsync(db, batchId, cancellationToken);
        var query = from p in db.Prospects.AsNoTracking()
                    join e in db.GeneratedEmails.AsNoTracking() on p.Id equals e.ProspectId
                    where p.BatchId == batchId && e.GenerationStatus == GenerationStatus.Completed && (!approvedOnly || e.ReviewStatus == ReviewStatus.Approved)
                    select new { p, e };
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.p.Ordinal).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<EmailView>([.. rows.Select(r => View(r.e, r.p))], page, pageSize, total);
    }

    /// <summary>Records a reviewer's verdict on an email; a verdict on an email that was not generated is a conflict.</summary>
    public async Task<EmailView> ReviewAsync(Guid emailId, ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = Parse<ReviewStatus>(request.Status ?? string.Empty, "status");
        if (verdict == ReviewStatus.PendingReview)
        {
            throw new DomainValidationException("status must be APPROVED or REJECTED.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var email = await db.GeneratedEmails.SingleOrDefaultAsync(e => e.Id == emailId, cancellationToken) ?? throw ApiHttp.NotFound("email", emailId);
        email.Review(verdict, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var prospect = await db.Prospects.AsNoTracking().SingleAsync(p => p.Id == email.ProspectId, cancellationToken);
        return View(email, prospect);
    }

    /// <summary>The enum value whose database label is <paramref name="label"/> (any case), or a 400 listing the labels.</summary>
    internal static T Parse<T>(string label, string name)
        where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(StatusLabel.Of(v!.Value), label.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DomainValidationException($"{name} '{label}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => StatusLabel.Of(v)))}.");

    private static EmailView View(GeneratedEmail e, Prospect p) => new(
        e.Id, p.Id, p.Name, p.Email, p.Company, e.Subject, e.Body, StatusLabel.Of(e.GenerationStatus), StatusLabel.Of(e.ReviewStatus), e.Model, e.GeneratedAt, e.ReviewedAt);

    private static async Task EnsureBatchAsync(OutreachDbContext db, Guid batchId, CancellationToken cancellationToken)
    {
        if (!await db.Batches.AnyAsync(b => b.Id == batchId, cancellationToken))
        {
            throw ApiHttp.NotFound("batch", batchId);
        }
    }
}
