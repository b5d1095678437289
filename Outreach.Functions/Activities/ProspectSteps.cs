using Microsoft.Azure.Functions.Worker;
using Outreach.Domain.Enums;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers;

namespace Outreach.Functions.Activities;

/// <summary>
/// PENDING → ENRICHING → ENRICHED. Enrichment is best-effort per source; the prospect fails here only when a
/// source the campaign requires did not answer. Skips a prospect already past this step, or whose job no
/// longer runs (cancelled).
/// </summary>
public sealed class EnrichProspect(ProspectStore store, IProspectEnricher enricher)
{
    /// <summary>Enriches one prospect.</summary>
    [Function(nameof(EnrichProspect))]
    public async Task RunAsync([ActivityTrigger] ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var state = await store.LoadAsync(work, cancellationToken);
        if (state is not { JobRunning: true } || state.Status is not (ProspectStatus.Pending or ProspectStatus.Enriching))
        {
            return;
        }

        if (state.Status == ProspectStatus.Pending && !await store.MoveAsync(work, ProspectStatus.Enriching, ProspectStore.Counter.None, null, cancellationToken))
        {
            return;
        }

        var outcome = await enricher.EnrichAsync(state.Facts, state.Campaign, cancellationToken);
        var missing = state.Campaign.RequiredEnrichment
            .Where(flag => !outcome.Sources.TryGetValue(flag, out var source) || source.Status is not ("ok" or "cached"))
            .Select(flag => outcome.Sources.TryGetValue(flag, out var source) ? $"{flag} ({source.Status}{(source.Error is null ? string.Empty : ": " + source.Error)})" : flag)
            .ToList();
        if (missing.Count > 0)
        {
            throw new PermanentProspectException($"Required enrichment failed: {string.Join(", ", missing)}.");
        }

        await store.SaveEnrichmentAsync(work.ProspectId, outcome, cancellationToken);
        await store.MoveAsync(work, ProspectStatus.Enriched, ProspectStore.Counter.Enriched, null, cancellationToken);
    }
}

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
            if (!await store.MoveAsync(work, ProspectStatus.Generating, ProspectStore.Counter.None, null, cancellationToken))
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

/// <summary>Writes the email (upserted) and moves GENERATING → COMPLETED, counting it once.</summary>
public sealed class GenerateEmail(ProspectStore store, IEmailGenerator generator)
{
    /// <summary>Generates one email.</summary>
    [Function(nameof(GenerateEmail))]
    public async Task RunAsync([ActivityTrigger] ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var state = await store.LoadAsync(work, cancellationToken);
        if (state is not { JobRunning: true, Status: ProspectStatus.Generating })
        {
            return;
        }

        if (!await store.HasCompletedEmailAsync(work.ProspectId, cancellationToken))
        {
            var enrichment = await store.LoadEnrichmentAsync(work.ProspectId, cancellationToken);
            var analysis = await store.LoadAnalysisAsync(work.ProspectId, cancellationToken);
            await store.BeginEmailAsync(work.ProspectId, cancellationToken);
            var draft = await generator.GenerateAsync(state.Facts, enrichment, analysis, state.Campaign, cancellationToken);
            await store.SaveEmailAsync(work.ProspectId, draft, cancellationToken);
        }

        await store.MoveAsync(work, ProspectStatus.Completed, ProspectStore.Counter.Generated, null, cancellationToken);
    }
}

/// <summary>Any active status → FAILED with the reason, counting it once; unfinished enrichment and email rows fail with it.</summary>
public sealed class FailProspect(ProspectStore store)
{
    /// <summary>Fails one prospect.</summary>
    [Function(nameof(FailProspect))]
    public async Task RunAsync([ActivityTrigger] FailProspectInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason.Length > 2000 ? input.Reason[..2000] : input.Reason;
        if (await store.MoveAsync(new ProspectWork(input.ProspectId, input.JobId), ProspectStatus.Failed, ProspectStore.Counter.Failed, reason, cancellationToken))
        {
            await store.FailDetailsAsync(input.ProspectId, reason, cancellationToken);
        }
    }
}
