namespace Outreach.Functions.Application;

/// <summary>The body of <c>PUT /api/emails/{id}</c>: the reviewer's subject and body.</summary>
public sealed record EmailEdit(string? Subject, string? Body);
