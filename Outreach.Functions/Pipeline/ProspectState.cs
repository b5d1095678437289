using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// A prospect with what the providers may use, its status, whether its job still runs and which of its rows are stored
/// — loaded once per <see cref="Activities.ProcessProspect"/> and carried from step to step, with what the earlier
/// steps of the same activity produced (<paramref name="Enrichment"/>, <paramref name="Analysis"/>), so no step reads
/// back what the one before it just wrote, nor asks again whether a row exists.
/// </summary>
public sealed record ProspectState(
    ProspectFacts Facts,
    CampaignBrief Campaign,
    Guid BatchId,
    ProspectStatus Status,
    bool JobRunning,
    StoredRows Stored,
    EnrichmentOutcome? Enrichment = null,
    AnalysisOutcome? Analysis = null)
{
    /// <summary>The state once the prospect has moved to GENERATING: a new generation step, so no stored analysis is current.</summary>
    public ProspectState InGeneration() => this with { Status = ProspectStatus.Generating, Stored = Stored with { AnalysisCurrent = false } };
}
