namespace Outreach.Functions.Application.Pushes;

/// <summary>One email's push that did not land: skipped or refused, with the sequencer's reason.</summary>
public sealed record PushedEmailView(Guid EmailId, string Target, string Campaign, string Status, string? Error);
