namespace Outreach.Functions.Contracts;

/// <summary>The facts about one prospect the providers may use: what was imported, never more (the batch id pays for provider calls).</summary>
public sealed record ProspectFacts(
    Guid Id, Guid BatchId, string? Name, string Email, string? Company, string? Title, string? LinkedinUrl, string? Website, IReadOnlyDictionary<string, string> AdditionalData)
{
    /// <summary>The facts of a stored prospect.</summary>
    public static ProspectFacts Of(Domain.Entities.Prospect prospect)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        return new(prospect.Id, prospect.BatchId, prospect.Name, prospect.Email, prospect.Company, prospect.Title, prospect.LinkedinUrl, prospect.Website, prospect.AdditionalData);
    }
}
