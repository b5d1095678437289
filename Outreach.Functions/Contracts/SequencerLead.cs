namespace Outreach.Functions.Contracts;

/// <summary>
/// An approved email as a sequencer's lead: who it goes to, and the email itself carried as the lead's custom
/// variables (<c>subject</c>, <c>body</c>, <c>footer</c>, <c>list_unsubscribe</c>, <c>external_id</c>) for the
/// sequence to send as written. The export layouts write the same fields.
/// </summary>
public sealed record SequencerLead(
    Guid EmailId,
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Title,
    string? Website,
    string Subject,
    string Body,
    string? Footer,
    string? ListUnsubscribe,
    string? ExternalId)
{
    /// <summary>The email's text fields as custom variables, under the names the export layouts use too.</summary>
    public IReadOnlyDictionary<string, string> Variables() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["subject"] = Subject,
        ["body"] = Body,
        ["footer"] = Footer ?? string.Empty,
        ["list_unsubscribe"] = ListUnsubscribe ?? string.Empty,
        ["external_id"] = ExternalId ?? string.Empty,
    };
}
