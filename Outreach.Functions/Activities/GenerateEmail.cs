using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Quality;
using Outreach.Functions.Templating;

namespace Outreach.Functions.Activities;

/// <summary>
/// The email step of <see cref="ProcessProspect"/>: writes the email (upserted) with the facts it used and the quality gate's flags (a flagged email waits in review as
/// NEEDS_ATTENTION), and moves GENERATING → COMPLETED, counting it once.
/// </summary>
public sealed class GenerateEmail(ProspectStore store, IEmailGenerator generator)
{
    /// <summary>Generates one email.</summary>
    public async Task RunAsync(ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await RunAsync(work, await store.LoadAsync(work, cancellationToken), cancellationToken);
    }

    /// <summary>Generates the email of one prospect loaded as <paramref name="state"/>.</summary>
    public async Task RunAsync(ProspectWork work, ProspectState? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (state is not { JobRunning: true, Status: ProspectStatus.Generating })
        {
            return;
        }

        if (state.Stored.Email != GenerationStatus.Completed)
        {
            var enrichment = state.Enrichment ?? await store.LoadEnrichmentAsync(work.ProspectId, cancellationToken);
            var analysis = state.Analysis ?? await store.LoadAnalysisAsync(work.ProspectId, cancellationToken);
            EmailDraft draft;
            List<string> flags;
            IReadOnlyList<EmailFact> used;
            string? footer;
            try
            {
                draft = await generator.GenerateAsync(state.Facts, enrichment, analysis, state.Campaign, cancellationToken);
                var facts = FactSheet.Of(state.Facts, enrichment);
                used = draft.FactsUsed ?? facts.UsedIn(draft.Subject + "\n" + draft.Body);
                flags = QualityGate.Assess(draft.Subject, draft.Body, state.Campaign, facts, used).ToList();
                if (await store.FindSameBodyAsync(state.BatchId, work.ProspectId, draft.Body, cancellationToken) is { } twin)
                {
                    flags.Add(QualityGate.DuplicateFlag(twin));
                }

                footer = EmailTemplates.RenderFooter(state.Campaign, TemplateModel.For(state.Facts, enrichment, state.Campaign));
            }
            catch (Exception ex) when (ex is not OperationCanceledException && state.Stored.Email is null)
            {
                // Only a failed attempt needs the email's row before the email exists: it is left GENERATING, and
                // FailProspect marks it FAILED with the reason if no retry succeeds. A written email is one insert.
                await store.BeginEmailAsync(work.ProspectId, cancellationToken);
                throw;
            }

            await store.SaveEmailAsync(work.ProspectId, draft, flags, used, state.Stored.Email, cancellationToken, footer);
        }

        await store.MoveAsync(work, ProspectStatus.Completed, ProspectCounter.Generated, null, cancellationToken);
    }
}
