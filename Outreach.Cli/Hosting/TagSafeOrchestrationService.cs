using System.Collections.Concurrent;
using System.Reflection;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;

namespace Outreach.Cli.Hosting;

/// <summary>
/// Passes everything to the Azure Storage backend after making two things the gRPC sidecar produces
/// storable, which that backend would otherwise fail on for every sub-orchestration:
/// event tags handed over as protobuf <c>MapField</c>s become plain dictionaries (queue messages are JSON
/// with type names, and a <c>MapField</c> cannot be loaded back), and the sidecar's own subclass of
/// SubOrchestrationInstanceCreated becomes the Durable Task Framework's type (the history table converter
/// writes only framework types; the subclass came back without its EventType). Only the sidecar's
/// distributed-tracing context is dropped; nothing else is changed.
/// <para>
/// It also makes starting and stopping safe. The sidecar starts and stops the backend from <c>async void</c>
/// host-lifetime callbacks, where any exception ends the process, and the engine's own bounded shutdown stops it
/// too. The backend is not safe for that: two concurrent stops race inside its lease manager
/// (<c>NullReferenceException</c> in <c>AppLeaseManager.StopAsync</c> — seen killing the test host), a stop before
/// start dereferences a token source that start creates, and the sidecar starts the backend even after the host
/// began stopping. So here the backend starts at most once and stops at most once, after its start ended; a stop
/// that finds nothing started does nothing, a start after a stop does nothing, and a failing stop is logged rather
/// than thrown.
/// </para>
/// <para>
/// With <paramref name="listen"/> false the backend is only a client — start, query, suspend, terminate — and never
/// starts listening: <c>outreach pause</c> and <c>cancel</c> must not take a running batch's work items from the
/// <c>outreach run</c> that is processing them.
/// </para>
/// <para>
/// And it gives the sidecar extended sessions (<see cref="ExtendedSessions"/>): a running orchestration's work item is
/// parked on its session between episodes rather than released after each.
/// </para>
/// </summary>
internal sealed class TagSafeOrchestrationService(AzureStorageOrchestrationService inner, ILogger logger, bool listen = true)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> TagProperties = new();

    private readonly Lock _lifecycle = new();
    private readonly ExtendedSessions _sessions = new(
        cancellationToken => inner.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, cancellationToken)!,
        inner.ReleaseTaskOrchestrationWorkItemAsync,
        logger);
    private Task? _start;
    private Task? _stop;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync()
    {
        lock (_lifecycle)
        {
            return _stop is not null || !listen ? Task.CompletedTask : _start ??= inner.StartAsync();
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    public Task StopAsync(bool isForced)
    {
        lock (_lifecycle)
        {
            return _stop ??= StopOnceAsync(_start, isForced);
        }
    }

    private async Task StopOnceAsync(Task? started, bool isForced)
    {
        try
        {
            if (started is null)
            {
                return;
            }

            await started;
            await _sessions.StopAsync();
            await inner.StopAsync(isForced);
        }
        catch (Exception e)
        {
            // Nothing is lost by a failed stop: messages a worker held become visible again after the visibility timeout.
            logger.LogWarning(e, "The task hub backend did not stop cleanly");
        }
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (await _sessions.LockNextAsync(receiveTimeout, cancellationToken))!;

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        ReplaceForeignEvents(newOrchestrationRuntimeState.Events);
        ReplaceForeignEvents(newOrchestrationRuntimeState.NewEvents);
        foreach (var e in newOrchestrationRuntimeState.NewEvents)
        {
            Sanitize(e);
        }

        Sanitize(outboundMessages);
        Sanitize(orchestratorMessages);
        Sanitize(timerMessages);
        Sanitize(continuedAsNewMessage);
        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        _sessions.Abandoned(workItem);
        return inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => _sessions.ReleaseAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        Sanitize(responseMessage);
        return inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage)
    {
        Sanitize(creationMessage);
        return inner.CreateTaskOrchestrationAsync(creationMessage);
    }

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        Sanitize(creationMessage);
        return inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        Sanitize(message);
        return inner.SendTaskOrchestrationMessageAsync(message);
    }

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        Sanitize(messages);
        return inner.SendTaskOrchestrationMessageBatchAsync(messages);
    }

    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken))!;

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        inner.GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(purgeInstanceFilter);

    private static void ReplaceForeignEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    ClientSpanId = created.ClientSpanId,
                };
            }
        }
    }

    private static void Sanitize(IEnumerable<TaskMessage>? messages)
    {
        foreach (var message in messages ?? [])
        {
            Sanitize(message);
        }
    }

    private static void Sanitize(TaskMessage? message)
    {
        if (message?.Event is { } e)
        {
            Sanitize(e);
        }
    }

    private static void Sanitize(HistoryEvent e)
    {
        var property = TagProperties.GetOrAdd(e.GetType(), static t =>
            t.GetProperty("Tags", typeof(IDictionary<string, string>)) is { CanWrite: true } p ? p : null);
        if (property?.GetValue(e) is IDictionary<string, string> tags && tags.GetType() != typeof(Dictionary<string, string>))
        {
            property.SetValue(e, new Dictionary<string, string>(tags));
        }
    }
}
