using Outreach.Data.Reads;
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
    /// <summary>The view of an email as <see cref="EmailReads"/> reads it: the one mapping, for the reads and for the writes that answer with the email.</summary>
    public static EmailView Of(EmailRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Id, row.ProspectId, row.Name, row.Email, row.Company, row.Subject, row.Body,
            StatusLabel.Of(row.GenerationStatus), StatusLabel.Of(row.ReviewStatus), row.Model, row.GeneratedAt, row.ReviewedAt,
            row.QualityFlags, row.FactsUsed, row.PromptTokens, row.CompletionTokens, row.ReviewNote, row.OriginalSubject, row.OriginalBody, row.EditedAt,
            row.EmailVerification is { } verification ? StatusLabel.Of(verification) : null);
    }
}
