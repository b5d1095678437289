namespace Outreach.Functions.Contracts;

/// <summary>A generated email.</summary>
public sealed record EmailDraft(string Subject, string Body, string Model);
