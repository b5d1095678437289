using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Verification;

namespace Outreach.Functions.Activities;

/// <summary>
/// The enrichment step of <see cref="ProcessProspect"/>: checks the address (recorded on the prospect; SKIPPED when the campaign's verification setting excludes it), then
/// PENDING → ENRICHING → ENRICHED — on through GENERATING in the same statement when the job writes the email too (one
/// statement fewer per prospect). Enrichment is best-effort per source; the prospect fails here only when a
/// source the campaign requires did not answer. Skips a prospect already past this step, or whose job no
/// longer runs (cancelled).
/// </summary>
public sealed class EnrichProspect(ProspectStore store, IProspectEnricher enricher, AddressVerifier verifier)
{
    /// <summary>Enriches one prospect.</summary>
    public async Task RunAsync(ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await RunAsync(work, await store.LoadAsync(work, cancellationToken), cancellationToken);
    }

    /// <summary>Enriches one prospect loaded as <paramref name="state"/>; returns its state after the step (null when it does not exist).</summary>
    public async Task<ProspectState?> RunAsync(ProspectWork work, ProspectState? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (state is not { JobRunning: true } || state.Status is not (ProspectStatus.Pending or ProspectStatus.Enriching))
        {
            return state;
        }

        if (state.Status == ProspectStatus.Pending)
        {
            // The address is checked before anything is spent on the prospect; the campaign decides who is skipped. The
            // verdict is recorded by the move itself.
            var verdict = await verifier.VerifyAsync(state.Facts.Email, cancellationToken);
            if (AddressPolicy.Excludes(state.Campaign.Verification, verdict.Status))
            {
                await store.MoveAsync(work, ProspectStatus.Skipped, ProspectCounter.Skipped,
                    $"Skipped: the address is {StatusLabel.Of(verdict.Status)} ({verdict.Reason}) and the campaign's verification is {StatusLabel.Of(state.Campaign.Verification).ToLowerInvariant()}.",
                    cancellationToken, verdict);
                return state with { Status = ProspectStatus.Skipped };
            }

            if (!await store.MoveAsync(work, ProspectStatus.Enriching, ProspectCounter.None, null, cancellationToken, verdict))
            {
                // Moved by someone else, or the job stopped: the later steps must look again.
                return state with { JobRunning = false };
            }
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

        await store.SaveEnrichmentAsync(work.ProspectId, outcome, state.Stored.Enrichment, cancellationToken);
        state = state with { Enrichment = outcome, Stored = state.Stored with { Enrichment = true } };
        if (work.JobType == JobType.Enrichment)
        {
            return await store.MoveAsync(work, ProspectStatus.Enriched, ProspectCounter.Enriched, null, cancellationToken)
                ? state with { Status = ProspectStatus.Enriched }
                : state with { JobRunning = false };
        }

        // The job goes on to the email: ENRICHED and GENERATING are one move.
        return await store.StartGenerationAsync(work, state.BatchId, justEnriched: true, cancellationToken)
            ? state.InGeneration()
            : state with { JobRunning = false };
    }
}
