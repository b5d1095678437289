using Outreach.Domain.Entities;

namespace Outreach.Functions.Contracts;

/// <summary>A generated email, the tokens its model calls cost (null for a template) and the facts it used.</summary>
public sealed record EmailDraft(string Subject, string Body, string Model, TokenUsage? Usage = null, IReadOnlyList<EmailFact>? FactsUsed = null);
