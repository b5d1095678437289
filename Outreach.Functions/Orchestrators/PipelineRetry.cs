using Microsoft.DurableTask;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Orchestrators;

/// <summary>
/// When an activity is tried again, for every activity the orchestrators call. Two kinds of failure are retried, on
/// durable timers (nothing waits in memory):
/// a provider's transient failure (<see cref="TransientProspectException"/>: rate limit, 5xx, open circuit) up to the
/// pipeline's MaxAttempts, doubling the delay and waiting at least what the provider asked; and an outage of the
/// app's own infrastructure (<see cref="InfrastructureFaults"/>) for as long as <see cref="InfrastructureFaults.Tolerance"/>,
/// whatever the attempt count — a database failover or restart must not fail a single prospect.
/// </summary>
public static class PipelineRetry
{
    private static readonly TimeSpan MaxProviderWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan FirstOutageDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxOutageDelay = TimeSpan.FromSeconds(30);

    /// <summary>Retries transient provider failures and infrastructure outages.</summary>
    public static TaskOptions Transient(int maxAttempts, int firstRetryDelaySeconds) =>
        TaskOptions.FromRetryHandler(async retry =>
        {
            if (OutageDelay(retry) is { } outage)
            {
                await retry.OrchestrationContext.CreateTimer(outage, retry.CancellationToken);
                return true;
            }

            if (!retry.LastFailure.IsCausedBy<TransientProspectException>() || retry.LastAttemptNumber >= maxAttempts)
            {
                return false;
            }

            var delay = TimeSpan.FromSeconds(firstRetryDelaySeconds * Math.Pow(2, retry.LastAttemptNumber - 1));

            // A provider that said how long to wait is not asked again sooner (bounded, so a bad header cannot park a prospect).
            if (TransientProspectException.RetryAfterIn(retry.LastFailure.ErrorMessage) is { } asked && asked > delay)
            {
                delay = asked < MaxProviderWait ? asked : MaxProviderWait;
            }

            if (delay > TimeSpan.Zero)
            {
                await retry.OrchestrationContext.CreateTimer(delay, retry.CancellationToken);
            }

            return true;
        });

    /// <summary>Retries infrastructure outages only (for steps that call no provider).</summary>
    public static TaskOptions Outages { get; } = TaskOptions.FromRetryHandler(async retry =>
    {
        if (OutageDelay(retry) is not { } outage)
        {
            return false;
        }

        await retry.OrchestrationContext.CreateTimer(outage, retry.CancellationToken);
        return true;
    });

    private static TimeSpan? OutageDelay(RetryContext retry)
    {
        if (InfrastructureFaults.OutageIn(retry.LastFailure) is null || retry.TotalRetryTime >= InfrastructureFaults.Tolerance)
        {
            return null;
        }

        var delay = FirstOutageDelay * Math.Pow(2, Math.Min(retry.LastAttemptNumber - 1, 10));
        return delay < MaxOutageDelay ? delay : MaxOutageDelay;
    }
}
