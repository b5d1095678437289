using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Outreach.Functions.Activities;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions.Orchestrators;

/// <summary>
/// The deliveries of one event, side by side, each retried on durable timers with doubling waits (at least what a
/// receiver's Retry-After asks) until it is delivered or its last attempt is recorded FAILED.
/// </summary>
public static class DeliverWebhooksOrchestrator
{
    /// <summary>Delivers the event.</summary>
    [Function(nameof(DeliverWebhooksOrchestrator))]
    public static async Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, WebhookDeliveryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var retry = PipelineRetry.Transient(plan.MaxAttempts, plan.FirstRetryDelaySeconds);
        var delivered = await Task.WhenAll(plan.Deliveries.Select(async id =>
        {
            try
            {
                await context.CallActivityAsync(nameof(DeliverWebhook), id, retry);
                return true;
            }
            catch (TaskFailedException)
            {
                // The last attempt recorded the failure on the delivery's row; the others go on.
                return false;
            }
        }));
        return delivered.Count(ok => ok);
    }
}
