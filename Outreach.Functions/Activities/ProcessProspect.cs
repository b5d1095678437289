using Microsoft.Azure.Functions.Worker;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>
/// One prospect through its job's steps in one activity — enrichment (<see cref="EnrichProspect"/>), analysis
/// (<see cref="AnalyzeProspect"/>) and the email (<see cref="GenerateEmail"/>) — so a prospect costs its orchestration
/// one scheduled and one completed event instead of three of each. The database is the checkpoint: each step looks at
/// the prospect's status and stored rows and does only what is not done, so a retried or re-executed activity resumes
/// where the last one stopped (an enriched prospect is not enriched again, a written analysis is not paid for twice).
/// A provider failure names its step, as the separate activities did.
/// </summary>
public sealed class ProcessProspect(ProspectStore store, EnrichProspect enrich, AnalyzeProspect analyze, GenerateEmail generate)
{
    /// <summary>Runs the prospect's steps on one load of the prospect, each step handing its state to the next.</summary>
    [Function(nameof(ProcessProspect))]
    public async Task RunAsync([ActivityTrigger] ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var state = await store.LoadAsync(work, cancellationToken);
        if (work.JobType != JobType.Generation)
        {
            state = await StepAsync(nameof(EnrichProspect), () => enrich.RunAsync(work, state, cancellationToken));
        }

        if (work.JobType != JobType.Enrichment)
        {
            state = await StepAsync(nameof(AnalyzeProspect), () => analyze.RunAsync(work, state, cancellationToken));
            await StepAsync(nameof(GenerateEmail), async () =>
            {
                await generate.RunAsync(work, state, cancellationToken);
                return state;
            });
        }
    }

    /// <summary>Runs a step; a provider's failure keeps its kind and its Retry-After and gains the step's name.</summary>
    private static async Task<ProspectState?> StepAsync(string step, Func<Task<ProspectState?>> run)
    {
        try
        {
            return await run();
        }
        catch (TransientProspectException ex)
        {
            throw new TransientProspectException($"{step}: {ex.Message}", ex.InnerException);
        }
        catch (PermanentProspectException ex)
        {
            throw new PermanentProspectException($"{step}: {ex.Message}", ex.InnerException);
        }
    }
}
