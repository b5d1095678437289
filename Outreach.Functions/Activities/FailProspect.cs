using Microsoft.Azure.Functions.Worker;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Activities;

/// <summary>Any active status → FAILED with the reason, counting it once; unfinished enrichment and email rows fail with it.</summary>
public sealed class FailProspect(ProspectStore store)
{
    /// <summary>Fails one prospect.</summary>
    [Function(nameof(FailProspect))]
    public async Task RunAsync([ActivityTrigger] FailProspectInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Failures of our own kinds are scrubbed already; any other exception's text is scrubbed before it is stored.
        var reason = SecretScrubber.Scrub(input.Reason.Length > 2000 ? input.Reason[..2000] : input.Reason);
        if (await store.MoveAsync(new ProspectWork(input.ProspectId, input.JobId), ProspectStatus.Failed, ProspectCounter.Failed, reason, cancellationToken))
        {
            await store.FailDetailsAsync(input.ProspectId, reason, cancellationToken);
        }
    }
}
