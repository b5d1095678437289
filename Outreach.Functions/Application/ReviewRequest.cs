namespace Outreach.Functions.Application;

/// <summary>The body of <c>PUT /api/emails/{id}/review</c>.</summary>
public sealed record ReviewRequest(string? Status);
