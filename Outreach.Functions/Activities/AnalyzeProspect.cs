using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// The analysis step of <see cref="ProcessProspect"/>: ENRICHED → GENERATING, then the analysis from the enrichment
/// (upserted). The batch moves to GENERATING with its first prospect. A prospect resumed in GENERATING whose analysis
/// was already written in this step goes on to its email without a second analysis.
/// </summary>
public sealed class AnalyzeProspect(ProspectStore store, IProspectAnalyzer analyzer)
{
    /// <summary>Analyses one prospect.</summary>
    public async Task RunAsync(ProspectWork work, CancellationToken cancellationToken)
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

            await store.MarkBatchGeneratingAsync(state.BatchId, work.JobId, cancellationToken);
        }
        else if (await store.HasCurrentAnalysisAsync(work.ProspectId, cancellationToken))
        {
            return;
        }

        var enrichment = await store.LoadEnrichmentAsync(work.ProspectId, cancellationToken);
        var analysis = await analyzer.AnalyzeAsync(state.Facts, enrichment, state.Campaign, cancellationToken);
        await store.SaveAnalysisAsync(work.ProspectId, analysis, cancellationToken);
    }
}
