using Microsoft.Azure.Functions.Worker;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

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

        await store.MoveAsync(work, ProspectStatus.Completed, ProspectCounter.Generated, null, cancellationToken);
    }
}
