using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Application;

/// <summary>A generated email, with its prospect's address check (<c>emailVerification</c>: VALID, RISKY, INVALID, UNKNOWN, or null when not checked).</summary>
public sealed record EmailView(
    Guid Id, Guid ProspectId, string? Name, string? Email, string? Company, string? Subject, string? Body, string GenerationStatus, string ReviewStatus,
    string? Model, DateTimeOffset? GeneratedAt, DateTimeOffset? ReviewedAt, IReadOnlyList<string> QualityFlags, IReadOnlyList<EmailFact> FactsUsed,
    int? PromptTokens, int? CompletionTokens, string? ReviewNote = null, string? OriginalSubject = null, string? OriginalBody = null, DateTimeOffset? EditedAt = null,
    string? EmailVerification = null)
{
    /// <summary>The view of <paramref name="email"/>, written for <paramref name="prospect"/>.</summary>
    public static EmailView Of(GeneratedEmail email, Prospect prospect)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(prospect);
        return new(
            email.Id, prospect.Id, prospect.Name, prospect.Email, prospect.Company, email.Subject, email.Body,
            StatusLabel.Of(email.GenerationStatus), StatusLabel.Of(email.ReviewStatus), email.Model, email.GeneratedAt, email.ReviewedAt,
            email.QualityFlags, email.FactsUsed, email.PromptTokens, email.CompletionTokens, email.ReviewNote, email.OriginalSubject, email.OriginalBody, email.EditedAt,
            prospect.EmailVerification is { } verification ? StatusLabel.Of(verification) : null);
    }
}
