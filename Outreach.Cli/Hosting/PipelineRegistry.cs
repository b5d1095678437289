using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Activities;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Webhooks;

namespace Outreach.Cli.Hosting;

/// <summary>
/// Registers the app's orchestrators and activities — the same methods the Functions host binds through
/// their [Function] attributes — on a plain Durable Task worker, for <c>outreach run</c> and the tests.
/// Activity classes are created from the worker's services exactly as the Functions host creates them.
/// </summary>
public static class PipelineRegistry
{
    /// <summary>Adds every orchestrator and activity of the pipeline.</summary>
    public static DurableTaskRegistry AddOutreachPipeline(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<ProcessBatchInput, FinalizeBatchResult>(nameof(ProcessBatchOrchestrator), (context, input) => ProcessBatchOrchestrator.RunAsync(context, input));
        registry.AddOrchestratorFunc<ChunkInput, ChunkResult>(nameof(ProcessProspectChunkOrchestrator), (context, input) => ProcessProspectChunkOrchestrator.RunAsync(context, input));

        Add<StartBatch, StartBatchInput, BatchPlan>(registry, nameof(StartBatch), (a, i, ct) => a.RunAsync(i, ct));
        Add<ListChunkProspects, ChunkInput, List<Guid>>(registry, nameof(ListChunkProspects), (a, i, ct) => a.RunAsync(i, ct));
        Add<ProcessProspect, ProspectWork>(registry, nameof(ProcessProspect), (a, i, ct) => a.RunAsync(i, ct));
        Add<FailProspect, FailProspectInput>(registry, nameof(FailProspect), (a, i, ct) => a.RunAsync(i, ct));
        Add<FinalizeBatch, FinalizeBatchInput, FinalizeBatchResult>(registry, nameof(FinalizeBatch), (a, i, ct) => a.RunAsync(i, ct));
        AddWithClient<PurgeChunkHistory, string, int>(registry, nameof(PurgeChunkHistory), (a, i, client, ct) => a.RunAsync(i, client, ct));

        registry.AddOrchestratorFunc<PushInput, PushSummary>(nameof(PushBatchOrchestrator), (context, input) => PushBatchOrchestrator.RunAsync(context, input));
        Add<StartPush, PushInput, PushPlan>(registry, nameof(StartPush), (a, i, ct) => a.RunAsync(i, ct));
        Add<PushLeads, PushPageInput, PushPageResult>(registry, nameof(PushLeads), (a, i, ct) => a.RunAsync(i, ct));
        Add<FinishPush, FinishPushInput, PushSummary>(registry, nameof(FinishPush), (a, i, ct) => a.RunAsync(i, ct));

        registry.AddOrchestratorFunc<WebhookDeliveryPlan, int>(nameof(DeliverWebhooksOrchestrator), (context, input) => DeliverWebhooksOrchestrator.RunAsync(context, input));
        AddWithClient<RecordWebhookEvent, WebhookEvent, int>(registry, nameof(RecordWebhookEvent), (a, i, client, ct) => a.RunAsync(i, client, ct));
        Add<DeliverWebhook, Guid>(registry, nameof(DeliverWebhook), (a, i, ct) => a.RunAsync(i, ct));
        return registry;
    }

    /// <summary>The names <see cref="AddOutreachPipeline"/> registers.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        nameof(ProcessBatchOrchestrator), nameof(ProcessProspectChunkOrchestrator), nameof(StartBatch), nameof(ListChunkProspects),
        nameof(ProcessProspect), nameof(FailProspect), nameof(FinalizeBatch), nameof(PurgeChunkHistory),
        nameof(PushBatchOrchestrator), nameof(StartPush), nameof(PushLeads), nameof(FinishPush),
        nameof(DeliverWebhooksOrchestrator), nameof(RecordWebhookEvent), nameof(DeliverWebhook),
    ];

    private static void Add<TFunction, TInput, TOutput>(DurableTaskRegistry registry, string name, Func<TFunction, TInput, CancellationToken, Task<TOutput>> run)
        where TFunction : class =>
        registry.AddActivity(name, services => new FunctionActivity<TInput, TOutput>(
            services, (input, ct) => run(ActivatorUtilities.GetServiceOrCreateInstance<TFunction>(services), input, ct)));

    // The Functions host binds [DurableClient]; here the worker's own client is handed in.
    private static void AddWithClient<TFunction, TInput, TOutput>(
        DurableTaskRegistry registry, string name, Func<TFunction, TInput, DurableTaskClient, CancellationToken, Task<TOutput>> run)
        where TFunction : class =>
        registry.AddActivity(name, services => new FunctionActivity<TInput, TOutput>(
            services, (input, ct) => run(ActivatorUtilities.GetServiceOrCreateInstance<TFunction>(services), input, services.GetRequiredService<DurableTaskClient>(), ct)));

    private static void Add<TFunction, TInput>(DurableTaskRegistry registry, string name, Func<TFunction, TInput, CancellationToken, Task> run)
        where TFunction : class =>
        Add<TFunction, TInput, object?>(registry, name, async (a, i, ct) =>
        {
            await run(a, i, ct);
            return null;
        });

    /// <summary>An activity that runs in one of the engine's <see cref="ActivitySlots"/> when it has them.</summary>
    private sealed class FunctionActivity<TInput, TOutput>(IServiceProvider services, Func<TInput, CancellationToken, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
            services.GetService<ActivitySlots>() is { } slots ? slots.RunAsync(() => run(input, CancellationToken.None)) : run(input, CancellationToken.None);
    }
}
