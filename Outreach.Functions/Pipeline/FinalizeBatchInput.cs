namespace Outreach.Functions.Pipeline;

/// <summary>Fan-in of one run.</summary>
public sealed record FinalizeBatchInput(Guid BatchId, Guid JobId);
