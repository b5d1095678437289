namespace Outreach.Data.Reads;

/// <summary>A service (what a campaign sells), as the service views show it.</summary>
public sealed record ServiceRow(Guid Id, string Name, string Description, string ValueProposition, IReadOnlyList<string> TargetIndustries, DateTimeOffset CreatedAt);
