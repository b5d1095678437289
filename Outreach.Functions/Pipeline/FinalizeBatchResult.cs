using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>The batch's final state and where its results are.</summary>
public sealed record FinalizeBatchResult(BatchStatus Status, int Total, int Generated, int Failed, string EmailsCsv, string RejectedCsv, int Skipped = 0);
