namespace Outreach.Functions.Application;

/// <summary>A prospect in a list.</summary>
public sealed record ProspectSummary(Guid Id, int Ordinal, string? Name, string Email, string? Company, string? Title, string Status, string? ErrorMessage);
