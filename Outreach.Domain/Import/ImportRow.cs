namespace Outreach.Domain.Import;

/// <summary>The prospect values of one accepted row, validated and normalized.</summary>
public sealed record ProspectDraft(
    string Email,
    string EmailNormalized,
    string? Name,
    string? Company,
    string? Title,
    string? LinkedinUrl,
    string? Website,
    IReadOnlyDictionary<string, string> AdditionalData,
    string? ExternalId = null);

/// <summary>One data row of a CSV: accepted with its prospect values, or rejected with the reason. Line and raw text are kept either way.</summary>
/// <param name="Line">1-based physical line where the record starts.</param>
/// <param name="Raw">The record as it appears in the file, without the line break.</param>
/// <param name="Prospect">The values when the row is accepted.</param>
/// <param name="RejectReason">Why the row was rejected, otherwise null.</param>
public sealed record ImportRow(int Line, string Raw, ProspectDraft? Prospect, string? RejectReason)
{
    /// <summary>Whether the row becomes a prospect.</summary>
    public bool IsAccepted => Prospect is not null;
}
