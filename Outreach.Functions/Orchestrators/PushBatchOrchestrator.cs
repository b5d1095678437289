using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Outreach.Functions.Activities;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions.Orchestrators;

/// <summary>
/// A push of a batch's approved emails to a sequencer: StartPush pages what is left to send, PushLeads sends the pages
/// (a few at a time; the sequencer's rate limit paces the calls, 429s and 5xx are retried on durable timers, waiting at
/// least its Retry-After), FinishPush ends the job, and the push.finished event goes to the webhook receivers. A page
/// that fails for good (refused key, unknown campaign) stops new pages: they would fail the same way.
/// </summary>
public static class PushBatchOrchestrator
{
    /// <summary>Runs the push.</summary>
    [Function(nameof(PushBatchOrchestrator))]
    public static async Task<PushSummary> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, PushInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var plan = await context.CallActivityAsync<PushPlan>(nameof(StartPush), input, PipelineRetry.Outages);
        var retry = PipelineRetry.Transient(plan.MaxAttempts, plan.FirstRetryDelaySeconds);
        string? failure = null;
        var (pushed, skipped, failed) = (0, 0, 0);
        context.SetCustomStatus(new PipelineStatus("PUSHING", 0, 0, plan.Pages.Count));

        var inFlight = new List<Task<PushPageResult?>>();
        var done = 0;
        foreach (var page in plan.Pages)
        {
            if (inFlight.Count >= plan.MaxPagesInFlight)
            {
                var finished = await Task.WhenAny(inFlight);
                inFlight.Remove(finished);
                Add(finished.Result);
            }

            if (failure is not null)
            {
                break;
            }

            inFlight.Add(PageAsync(page));
        }

        foreach (var result in await Task.WhenAll(inFlight))
        {
            Add(result);
        }

        var summary = await context.CallActivityAsync<PushSummary>(nameof(FinishPush), new FinishPushInput(input, failure), PipelineRetry.Outages);
        context.SetCustomStatus(new PipelineStatus(summary.Status.ToString().ToUpperInvariant(), summary.Pushed, summary.Failed, plan.Pages.Count));
        await context.CallActivityAsync<int>(
            nameof(RecordWebhookEvent), new WebhookEvent(WebhookEvent.PushFinished, input.BatchId, input.JobId, input.Target, input.Campaign), PipelineRetry.Outages);
        return summary;

        async Task<PushPageResult?> PageAsync(PushRange page)
        {
            try
            {
                return await context.CallActivityAsync<PushPageResult>(nameof(PushLeads), new PushPageInput(input, page.From, page.To), retry);
            }
            catch (TaskFailedException ex)
            {
                failure ??= ProcessProspectChunkOrchestrator.Describe(ex);
                return null;
            }
        }

        void Add(PushPageResult? result)
        {
            done++;
            if (result is not null)
            {
                (pushed, skipped, failed) = (pushed + result.Pushed, skipped + result.Skipped, failed + result.Failed);
            }

            context.SetCustomStatus(new PipelineStatus("PUSHING", pushed + skipped, failed, plan.Pages.Count));
        }
    }
}
