namespace Outreach.Domain.Entities;

/// <summary>One technology found on a company's site.</summary>
public sealed record TechStackItem(string Name, string? Category);
