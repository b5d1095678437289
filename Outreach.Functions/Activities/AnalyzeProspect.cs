using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// The analysis step of <see cref="ProcessProspect"/>: ENRICHED → GENERATING (unless enrichment already moved the
/// prospect on), then the analysis from the enrichment (upserted). The batch moves to GENERATING with its first prospect. A prospect resumed in GENERATING whose analysis
/// was already written in this step goes on to its email without a second analysis.
/// </summary>
public sealed class AnalyzeProspect(ProspectStore store, IProspectAnalyzer analyzer)
{
    /// <summary>Analyses one prospect.</summary>
    public async Task RunAsync(ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await RunAsync(work, await store.LoadAsync(work, cancellationToken), cancellationToken);
    }

    /// <summary>Analyses one prospect loaded as <paramref name="state"/>; returns its state after the step.</summary>
    public async Task<ProspectState?> RunAsync(ProspectWork work, ProspectState? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (state is not { JobRunning: true } || state.Status is not (ProspectStatus.Enriched or ProspectStatus.Generating))
        {
            return state;
        }

        if (state.Status == ProspectStatus.Enriched)
        {
            if (!await store.StartGenerationAsync(work, state.BatchId, justEnriched: false, cancellationToken))
            {
                return state with { JobRunning = false };
            }

            state = state.InGeneration();
        }
        else if (state.Stored.AnalysisCurrent)
        {
            return state;
        }

        var enrichment = state.Enrichment ?? await store.LoadEnrichmentAsync(work.ProspectId, cancellationToken);
        var analysis = await analyzer.AnalyzeAsync(state.Facts, enrichment, state.Campaign, cancellationToken);
        await store.SaveAnalysisAsync(work.ProspectId, analysis, state.Stored.Analysis, cancellationToken);
        return state with { Enrichment = enrichment, Analysis = analysis, Stored = state.Stored with { Analysis = true, AnalysisCurrent = true } };
    }
}
