using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Application;

/// <summary>A reviewer's verdict on a generated email: the write beside <see cref="ProspectQueries"/>' reads.</summary>
public sealed class EmailReview(IDbContextFactory<OutreachDbContext> contexts, TimeProvider clock)
{
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
        var prospect = await db.Prospects.AsNoTracking().SingleAsync(p => p.Id == email.ProspectId, cancellationToken);
        return EmailView.Of(email, prospect);
    }
}
