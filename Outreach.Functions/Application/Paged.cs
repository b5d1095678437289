namespace Outreach.Functions.Application;

/// <summary>A page of results.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
