using DurableTask.Core;
using DurableTask.Core.History;
using Moq;
using Outreach.Cli.Hosting;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Hosting;

/// <summary>
/// The local engine's extended sessions: what happens to an orchestration's work item when the sidecar releases it,
/// with the backend's session and the backend's fetch stood in for.
/// </summary>
public sealed class ExtendedSessionsTests
{
    private static readonly OrchestrationInstance Chunk = new() { InstanceId = "chunk-0001", ExecutionId = "e1" };

    [Fact]
    public async Task ReleaseAsync_WhenMessagesArriveForTheSession_HandsTheSameWorkItemBackWithEveryEventPast()
    {
        var backend = new Backend();
        var session = new Mock<IOrchestrationSession>();
        session.Setup(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>())).ReturnsAsync([Completed(0)]);
        var workItem = RunningWorkItem(session.Object);
        var eventsSoFar = workItem.OrchestrationRuntimeState.Events.ToList();

        await backend.Sessions.ReleaseAsync(workItem);
        var next = await backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);

        Assert.Same(workItem, next);
        Assert.Equal(EventType.TaskCompleted, Assert.Single(next!.NewMessages).Event.EventType);
        Assert.Equal(eventsSoFar, next.OrchestrationRuntimeState.PastEvents);
        Assert.Empty(next.OrchestrationRuntimeState.NewEvents);
        Assert.Equal("custom status", next.OrchestrationRuntimeState.Status);
        Assert.Empty(backend.Released);
    }

    [Fact]
    public async Task ReleaseAsync_WhenTheSessionIdlesOut_ReleasesTheWorkItemToTheBackend()
    {
        var backend = new Backend();
        var session = new Mock<IOrchestrationSession>();
        session.Setup(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>())).ReturnsAsync((IList<TaskMessage>?)null);
        var workItem = RunningWorkItem(session.Object);

        await backend.Sessions.ReleaseAsync(workItem);

        Assert.Same(workItem, await backend.NextRelease);
        Assert.Equal(0, backend.Sessions.Parked);
    }

    [Fact]
    public async Task ReleaseAsync_WhenTheSessionReceivedOnlyDuplicates_WaitsAgainForRealMessages()
    {
        var backend = new Backend();
        var session = new Mock<IOrchestrationSession>();
        session.SetupSequence(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>()))
            .ReturnsAsync([])
            .ReturnsAsync([Completed(0)]);
        var workItem = RunningWorkItem(session.Object);

        await backend.Sessions.ReleaseAsync(workItem);
        var next = await backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);

        Assert.Same(workItem, next);
        Assert.Single(next!.NewMessages);
        session.Verify(s => s.FetchNewOrchestrationMessagesAsync(workItem), Times.Exactly(2));
    }

    [Fact]
    public async Task ReleaseAsync_WhenTheEpisodeWasAbandoned_ReleasesAtOnceWithoutWaitingOnTheSession()
    {
        var backend = new Backend();
        var session = new Mock<IOrchestrationSession>();
        var workItem = RunningWorkItem(session.Object);

        backend.Sessions.Abandoned(workItem);
        await backend.Sessions.ReleaseAsync(workItem);

        Assert.Same(workItem, Assert.Single(backend.Released));
        session.Verify(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>()), Times.Never);
    }

    [Fact]
    public async Task ReleaseAsync_WhenTheOrchestrationFinished_ReleasesAtOnce()
    {
        var backend = new Backend();
        var session = new Mock<IOrchestrationSession>();
        var workItem = RunningWorkItem(session.Object);
        workItem.OrchestrationRuntimeState.AddEvent(new ExecutionCompletedEvent(1, "\"done\"", OrchestrationStatus.Completed));

        await backend.Sessions.ReleaseAsync(workItem);

        Assert.Same(workItem, Assert.Single(backend.Released));
        session.Verify(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>()), Times.Never);
    }

    [Fact]
    public async Task ReleaseAsync_WhenExtendedSessionsAreOff_ReleasesAtOnce()
    {
        var backend = new Backend();
        var workItem = RunningWorkItem(session: null);

        await backend.Sessions.ReleaseAsync(workItem);

        Assert.Same(workItem, Assert.Single(backend.Released));
    }

    [Fact]
    public async Task StopAsync_WithAParkedWorkItem_ReleasesItWithoutWaitingForTheIdleTimeoutAndNeverHandsItOutAgain()
    {
        var backend = new Backend();

        // Continuations run inside SetResult, so whatever the parked wait does with late messages is done when it returns.
        var arriving = new TaskCompletionSource<IList<TaskMessage>?>();
        var session = new Mock<IOrchestrationSession>();
        session.Setup(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>())).Returns(arriving.Task);
        var workItem = RunningWorkItem(session.Object);
        await backend.Sessions.ReleaseAsync(workItem);
        Assert.Equal(1, backend.Sessions.Parked);

        await backend.Sessions.StopAsync();
        arriving.SetResult([Completed(0)]);

        Assert.Same(workItem, Assert.Single(backend.Released));
        Assert.Equal(0, backend.Sessions.Parked);
        var next = backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);
        backend.Answer(null);
        Assert.Null(await next);
        Assert.Same(workItem, Assert.Single(backend.Released));
    }

    [Fact]
    public async Task LockNextAsync_WhenTheCallEndsBeforeTheBackendAnswers_HandsTheBackendsWorkItemToTheNextCall()
    {
        var backend = new Backend();
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, ended.Token));
        var locked = RunningWorkItem(session: null);
        backend.Answer(locked);
        var next = await backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);

        Assert.Same(locked, next);
        Assert.Equal(1, backend.Fetches);
    }

    [Fact]
    public async Task LockNextAsync_WhenAParkedWorkItemResumesWhileTheBackendWaits_ReturnsItAndKeepsTheFetchForLater()
    {
        var backend = new Backend();
        var arriving = new TaskCompletionSource<IList<TaskMessage>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = new Mock<IOrchestrationSession>();
        session.Setup(s => s.FetchNewOrchestrationMessagesAsync(It.IsAny<TaskOrchestrationWorkItem>())).Returns(arriving.Task);
        var parked = RunningWorkItem(session.Object);
        await backend.Sessions.ReleaseAsync(parked);

        var waiting = backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);
        arriving.SetResult([Completed(0)]);

        Assert.Same(parked, await waiting);
        var other = RunningWorkItem(session: null);
        backend.Answer(other);
        Assert.Same(other, await backend.Sessions.LockNextAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken));
        Assert.Equal(1, backend.Fetches);
    }

    [Fact]
    public void Continued_AfterAnEpisode_MakesEveryEventPastAndKeepsTheCustomStatus()
    {
        var state = RunningWorkItem(session: null).OrchestrationRuntimeState;
        Assert.NotEmpty(state.NewEvents);

        var next = ExtendedSessions.Continued(state);

        Assert.Equal(state.Events, next.PastEvents);
        Assert.Equal(state.Events, next.Events);
        Assert.Empty(next.NewEvents);
        Assert.Equal(state.Status, next.Status);
        Assert.Equal(state.OrchestrationInstance!.InstanceId, next.OrchestrationInstance!.InstanceId);
    }

    /// <summary>A chunk after an episode that scheduled one activity: loaded with its start, then one new episode.</summary>
    private static TaskOrchestrationWorkItem RunningWorkItem(IOrchestrationSession? session)
    {
        var state = new OrchestrationRuntimeState(
        [
            new OrchestratorStartedEvent(-1),
            new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Chunk, Name = "ProcessProspectChunkOrchestrator" },
            new OrchestratorCompletedEvent(-1),
        ]);
        state.AddEvent(new OrchestratorStartedEvent(-1));
        state.AddEvent(new TaskScheduledEvent(0, "ProcessProspect"));
        state.AddEvent(new OrchestratorCompletedEvent(-1));
        state.Status = "custom status";
        return new TaskOrchestrationWorkItem { InstanceId = Chunk.InstanceId, OrchestrationRuntimeState = state, Session = session, NewMessages = [] };
    }

    private static TaskMessage Completed(int scheduledId) => new() { Event = new TaskCompletedEvent(-1, scheduledId, "1"), OrchestrationInstance = Chunk };

    /// <summary>The backend's side: one fetch answered when the test says, and the releases it received.</summary>
    private sealed class Backend
    {
        private readonly List<TaskOrchestrationWorkItem> _released = [];
        private readonly TaskCompletionSource<TaskOrchestrationWorkItem> _firstRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource<TaskOrchestrationWorkItem?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _fetches;

        public Backend()
        {
            Sessions = new ExtendedSessions(
                _ =>
                {
                    Interlocked.Increment(ref _fetches);
                    return _answer.Task;
                },
                workItem =>
                {
                    lock (_released)
                    {
                        _released.Add(workItem);
                    }

                    _firstRelease.TrySetResult(workItem);
                    return Task.CompletedTask;
                },
                new CapturingLoggerProvider().CreateLogger("sessions"));
        }

        public ExtendedSessions Sessions { get; }

        public int Fetches => Volatile.Read(ref _fetches);

        public Task<TaskOrchestrationWorkItem> NextRelease => _firstRelease.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        public IReadOnlyList<TaskOrchestrationWorkItem> Released
        {
            get
            {
                lock (_released)
                {
                    return [.. _released];
                }
            }
        }

        /// <summary>Answers the outstanding fetch; the next fetch waits again.</summary>
        public void Answer(TaskOrchestrationWorkItem? workItem)
        {
            var answered = _answer;
            _answer = new TaskCompletionSource<TaskOrchestrationWorkItem?>(TaskCreationOptions.RunContinuationsAsynchronously);
            answered.SetResult(workItem);
        }
    }
}
