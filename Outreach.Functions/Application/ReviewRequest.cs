namespace Outreach.Functions.Application;

/// <summary>The body of <c>PUT /api/emails/{id}/review</c>: <c>{"status":"APPROVED"|"REJECTED","note":"…"}</c> (the note is optional).</summary>
public sealed record ReviewRequest(string? Status, string? Note = null);
