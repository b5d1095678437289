using Microsoft.Azure.Functions.Worker;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>ENRICHED → GENERATING, then the analysis from the enrichment (upserted). The batch moves to GENERATING with its first prospect.</summary>
public sealed class AnalyzeProspect(ProspectStore store, IProspectAnalyzer analyzer)
{
    /// <summary>Analyses one prospect.</summary>
    [Function(nameof(AnalyzeProspect))]
    public async Task RunAsync([ActivityTrigger] ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var state = await store.LoadAsync(work, cancellationToken);
        if (state is not { JobRunning: true } || state.Status is not (ProspectStatus.Enriched or ProspectStatus.Generating))
        {
            return;
        }

        if (state.Status == ProspectStatus.Enriched)
        {
            if (!await store.MoveAsync(work, ProspectStatus.Generating, ProspectCounter.None, null, cancellationToken))
            {
                return;
            }

            await store.MarkBatchGeneratingAsync(state.BatchId, cancellationToken);
        }

        var enrichment = await store.LoadEnrichmentAsync(work.ProspectId, cancellationToken);
        var analysis = await analyzer.AnalyzeAsync(state.Facts, enrichment, state.Campaign, cancellationToken);
        await store.SaveAnalysisAsync(work.ProspectId, analysis, cancellationToken);
    }
}
