namespace Outreach.Functions.Webhooks;

/// <summary>The deliveries of one event still to make, and their retry schedule (settings reach the orchestrator here).</summary>
public sealed record WebhookDeliveryPlan(IReadOnlyList<Guid> Deliveries, int MaxAttempts, int FirstRetryDelaySeconds)
{
    /// <summary>The orchestration that runs a plan (named here so the activity that starts it need not reference the orchestrators).</summary>
    public const string OrchestratorName = "DeliverWebhooksOrchestrator";
}
