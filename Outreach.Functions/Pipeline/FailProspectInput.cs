namespace Outreach.Functions.Pipeline;

/// <summary>A prospect failed permanently with <paramref name="Reason"/>.</summary>
public sealed record FailProspectInput(Guid ProspectId, Guid JobId, string Reason);
