namespace Outreach.Functions.Contracts;

/// <summary>The facts about one prospect the providers may use: what was imported, never more (the batch id pays for provider calls).</summary>
public sealed record ProspectFacts(
    Guid Id, Guid BatchId, string? Name, string Email, string? Company, string? Title, string? LinkedinUrl, string? Website, IReadOnlyDictionary<string, string> AdditionalData);
