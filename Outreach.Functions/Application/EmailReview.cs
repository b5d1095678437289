using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Quality;

namespace Outreach.Functions.Application;

/// <summary>A reviewer's verdict on a generated email, and a reviewer's edit of it: the writes beside <see cref="ProspectQueries"/>' reads.</summary>
public sealed class EmailReview(IDbContextFactory<OutreachDbContext> contexts, ProspectStore store, ProspectQueries queries, TimeProvider clock)
{
    /// <summary>Approves every email of the batch waiting for review with nothing flagged; returns how many.</summary>
    public async Task<int> ApproveUnflaggedAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await queries.EnsureBatchAsync(batchId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        return await StatusTransitions.ApproveUnflaggedAsync((NpgsqlConnection)db.Database.GetDbConnection(), batchId, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Replaces the email's subject and body with a reviewer's, re-checked by the quality gate as a generated email is
    /// (length, placeholders, claims the facts do not support, the same body as another email of the batch); the
    /// generated text is kept as the original, and the review starts over.
    /// </summary>
    public async Task<EmailView> EditAsync(Guid emailId, EmailEdit request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Subject) || string.IsNullOrWhiteSpace(request.Body))
        {
            throw new DomainValidationException("An edit needs both subject and body.");
        }

        var (subject, body) = (request.Subject.Trim(), request.Body.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var email = await db.GeneratedEmails.SingleOrDefaultAsync(e => e.Id == emailId, cancellationToken) ?? throw ApiProblemException.NotFound("email", emailId);
        var (prospect, campaign, service) = (await db.WithCampaignAsync(email.ProspectId, cancellationToken))!.Value;
        var enrichment = await db.ProspectEnrichments.AsNoTracking().SingleOrDefaultAsync(e => e.ProspectId == prospect.Id, cancellationToken);
        var facts = FactSheet.Of(ProspectFacts.Of(prospect), EnrichmentOutcome.Of(enrichment));
        var used = facts.UsedIn(subject + "\n" + body);
        var flags = QualityGate.Assess(subject, body, CampaignBrief.Of(campaign, service), facts, used).ToList();
        if (await store.FindSameBodyAsync(prospect.BatchId, prospect.Id, body, cancellationToken) is { } twin)
        {
            flags.Add(QualityGate.DuplicateFlag(twin));
        }

        email.Edit(subject, body, new EmailAssessment(flags, used, null, null), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        // Answered with the email read back as the reads show it: an email has one mapping to its view.
        return await queries.EmailAsync(emailId, cancellationToken);
    }

    /// <summary>Records a reviewer's verdict on an email; a verdict on an email that was not generated is a conflict.</summary>
    public async Task<EmailView> ReviewAsync(Guid emailId, ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = ProspectQueries.Parse<ReviewStatus>(request.Status ?? string.Empty, "status");
        if (verdict is not (ReviewStatus.Approved or ReviewStatus.Rejected))
        {
            throw new DomainValidationException("status must be APPROVED or REJECTED.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var email = await db.GeneratedEmails.SingleOrDefaultAsync(e => e.Id == emailId, cancellationToken) ?? throw ApiProblemException.NotFound("email", emailId);
        email.Review(verdict, clock.GetUtcNow(), request.Note);
        await db.SaveChangesAsync(cancellationToken);
        return await queries.EmailAsync(emailId, cancellationToken);
    }
}
