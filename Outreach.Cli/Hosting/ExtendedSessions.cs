using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Outreach.Cli.Hosting;

/// <summary>
/// Extended sessions for the local engine: an orchestration that has more to do stays in memory between episodes, as
/// host.json's <c>extendedSessionsEnabled</c> keeps it in Azure, instead of having its history read back from the
/// task hub's table for every batch of activity results.
/// <para>
/// The Azure Storage backend keeps a session open for as long as a dispatcher holds its work item, and hands a held
/// session the messages that arrive for it (<see cref="IOrchestrationSession.FetchNewOrchestrationMessagesAsync"/>).
/// The Durable Task Framework's own dispatcher loops on that; the gRPC sidecar's releases the work item after every
/// episode, so the next message made the backend load the whole history again — one table query per episode, the
/// larger the later in a chunk. Here a released work item that is still running is parked on its session instead.
/// When messages arrive it is handed out again, with the state it ended with, by the next
/// <see cref="LockNextAsync"/>; when none arrive within the backend's idle timeout, or the engine stops, it is
/// released. Parked items hold no dispatcher slot and no queue message: the messages of an episode are deleted when
/// it completes, and a message a parked session took but never ran becomes visible again after the visibility
/// timeout, so nothing is lost when the process ends.
/// </para>
/// </summary>
internal sealed class ExtendedSessions(
    Func<CancellationToken, Task<TaskOrchestrationWorkItem?>> lockNext,
    Func<TaskOrchestrationWorkItem, Task> release,
    ILogger logger)
{
    private readonly Channel<TaskOrchestrationWorkItem> _resumed = Channel.CreateUnbounded<TaskOrchestrationWorkItem>();
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, byte> _parked = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, byte> _abandoned = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private Task<TaskOrchestrationWorkItem?>? _fetch;
    private volatile bool _stopped;

    /// <summary>Work items parked on their sessions now.</summary>
    public int Parked => _parked.Count;

    /// <summary>
    /// The next work item: a parked one whose messages arrived, else the backend's next. The backend's fetch is not
    /// tied to this call: when a parked item wins, or the call ends first, the fetch keeps running and the next call
    /// takes its result, so no session it locked is dropped.
    /// </summary>
    public async Task<TaskOrchestrationWorkItem?> LockNextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return await lockNext(cancellationToken);
        }

        if (_resumed.Reader.TryRead(out var resumed))
        {
            return resumed;
        }

        Task<TaskOrchestrationWorkItem?> fetch;
        lock (_gate)
        {
            // Not cancelled by this call: the backend ends it when it stops (it links its own shutdown token).
            fetch = _fetch ??= lockNext(CancellationToken.None);
        }

        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var readable = _resumed.Reader.WaitToReadAsync(waiting.Token).AsTask();
            var expired = Task.Delay(timeout, waiting.Token);
            await Task.WhenAny(fetch, readable, expired);
            await waiting.CancelAsync();
        }

        if (fetch.IsCompleted)
        {
            // Claimed here or by StopAsync, never both: a work item handed out and released would run on a dead session.
            bool claimed;
            lock (_gate)
            {
                claimed = ReferenceEquals(_fetch, fetch);
                if (claimed)
                {
                    _fetch = null;
                }
            }

            return claimed ? await fetch : null;
        }

        if (_resumed.Reader.TryRead(out resumed))
        {
            return resumed;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    /// <summary>Marks a work item whose episode failed: its release must not park it.</summary>
    public void Abandoned(TaskOrchestrationWorkItem workItem) => _abandoned[workItem] = 0;

    /// <summary>
    /// Parks a work item whose orchestration is still running on its session; releases it to the backend when it has
    /// no session (extended sessions off), was abandoned, finished, or the engine is stopping.
    /// </summary>
    public Task ReleaseAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var abandoned = _abandoned.TryRemove(workItem, out _);
        if (abandoned || _stopped || workItem.Session is null || workItem.OrchestrationRuntimeState?.ExecutionCompletedEvent is not null)
        {
            return release(workItem);
        }

        _parked[workItem] = 0;
        _ = WaitForMessagesAsync(workItem, workItem.Session);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Releases every parked and resumed work item now rather than after the idle timeout, and a work item the backend
    /// returned that no call took; later releases go straight to the backend. Called before the backend stops.
    /// </summary>
    public async Task StopAsync()
    {
        _stopped = true;
        _resumed.Writer.TryComplete();
        foreach (var workItem in _parked.Keys)
        {
            if (_parked.TryRemove(workItem, out _))
            {
                await ReleaseQuietlyAsync(workItem);
            }
        }

        while (_resumed.Reader.TryRead(out var resumed))
        {
            await ReleaseQuietlyAsync(resumed);
        }

        // A fetch still waiting ends when the backend stops: it abandons and releases a session it was locking.
        TaskOrchestrationWorkItem? unclaimed = null;
        lock (_gate)
        {
            if (_fetch is { IsCompletedSuccessfully: true } fetched)
            {
                (unclaimed, _fetch) = (fetched.Result, null);
            }
        }

        if (unclaimed is not null)
        {
            await ReleaseQuietlyAsync(unclaimed);
        }
    }

    private async Task WaitForMessagesAsync(TaskOrchestrationWorkItem workItem, IOrchestrationSession session)
    {
        try
        {
            IList<TaskMessage>? messages;
            do
            {
                // Null when the backend's idle timeout passed with nothing for this orchestration; empty when all it
                // received were duplicates or out of order — then it waits again, as the framework's dispatcher does.
                messages = await session.FetchNewOrchestrationMessagesAsync(workItem);
            }
            while (messages is { Count: 0 } && !_stopped);

            if (!_parked.TryRemove(workItem, out _))
            {
                return;
            }

            if (messages is not { Count: > 0 } || _stopped)
            {
                await ReleaseQuietlyAsync(workItem);
                return;
            }

            workItem.NewMessages = messages;
            workItem.OrchestrationRuntimeState = Continued(workItem.OrchestrationRuntimeState);
            if (!_resumed.Writer.TryWrite(workItem))
            {
                await ReleaseQuietlyAsync(workItem);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Waiting for messages of orchestration {InstanceId} failed; releasing its session", workItem.InstanceId);
            if (_parked.TryRemove(workItem, out _))
            {
                await ReleaseQuietlyAsync(workItem);
            }
        }
    }

    /// <summary>
    /// The state the next episode starts from: every event so far is past. The sidecar sends the worker PastEvents
    /// and NewEvents separately, and a state's PastEvents are only those it was created with — clearing NewEvents, as
    /// the framework's in-process dispatcher does, would leave the last episode's events out of the replay.
    /// </summary>
    internal static OrchestrationRuntimeState Continued(OrchestrationRuntimeState state) => new(state.Events)
    {
        Status = state.Status,
        Size = state.Size,
        CompressedSize = state.CompressedSize,
    };

    private async Task ReleaseQuietlyAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await release(workItem);
        }
        catch (Exception e)
        {
            // Nothing is lost: the backend drops the session, and unfinished messages become visible again.
            logger.LogWarning(e, "Releasing the session of orchestration {InstanceId} failed", workItem.InstanceId);
        }
    }
}
