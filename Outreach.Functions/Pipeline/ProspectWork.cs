namespace Outreach.Functions.Pipeline;

/// <summary>Work on one prospect within a job.</summary>
public sealed record ProspectWork(Guid ProspectId, Guid JobId);
