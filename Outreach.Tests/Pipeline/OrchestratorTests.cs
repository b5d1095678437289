using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Moq;
using Outreach.Domain.Enums;
using Outreach.Functions.Activities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;

namespace Outreach.Tests.Pipeline;

/// <summary>Orchestrator logic against a mocked context: which calls it makes, in what shape, how many at once.</summary>
public sealed class OrchestratorTests
{
    private static readonly Guid BatchId = Guid.Parse("01a21294-14f8-725f-b740-c813405a1922");
    private static readonly Guid JobId = Guid.Parse("01a21294-1630-72c3-a2a2-321eeb308e46");

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 0, 0 })]
    [InlineData(500, new[] { 0, 499 })]
    [InlineData(501, new[] { 0, 499, 500, 500 })]
    [InlineData(1250, new[] { 0, 499, 500, 999, 1000, 1249 })]
    public async Task ProcessBatch_ForProspectCounts_SplitsIntoChunksOfAtMost500(int prospects, int[] expectedRanges)
    {
        var context = new OrchestrationScript(Plan(prospects), completeChunksAtOnce: true);

        await ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId));

        Assert.Equal(expectedRanges, context.Chunks.SelectMany(c => new[] { c.FromOrdinal, c.ToOrdinal }));
        Assert.All(context.Chunks, c => Assert.Equal((BatchId, JobId, 16), (c.BatchId, c.JobId, c.MaxProspectsInFlight)));
        Assert.Equal(context.Chunks.Select(c => $"batch-x-chunk-{c.FromOrdinal}"), context.ChunkInstanceIds);
        context.Mock.Verify(c => c.CallActivityAsync<FinalizeBatchResult>(new TaskName(nameof(FinalizeBatch)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task ProcessBatch_WhenChunksComplete_NeverHasMoreInFlightThanTheSetting(int maxInFlight)
    {
        var context = new OrchestrationScript(Plan(10 * 500) with { MaxChunksInFlight = maxInFlight }, completeChunksAtOnce: false);

        var run = ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId));
        var peak = 0;
        while (context.Pending.Count > 0)
        {
            peak = Math.Max(peak, context.Pending.Count);
            Assert.True(context.Pending.Count <= maxInFlight, $"{context.Pending.Count} chunks in flight; the limit is {maxInFlight}.");
            context.CompleteOldestChunk(new ChunkResult(499, 1));
        }

        var result = await run;
        Assert.Equal(maxInFlight, peak);
        Assert.Equal(10, context.Chunks.Count);
        Assert.Same(context.Finalized, result);
        Assert.Contains(new PipelineStatus("FINALIZING", 4990, 10, 5000), context.Statuses);
    }

    [Fact]
    public async Task ProcessBatch_WhenAChunkFinishes_PurgesItsHistoryAfterItAndNoOtherInstance()
    {
        var context = new OrchestrationScript(Plan(1250), completeChunksAtOnce: false);

        var run = ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId));
        context.CompleteOldestChunk(new ChunkResult(500, 0));

        Assert.Equal(["batch-x-chunk-0"], context.Purged);
        context.CompleteOldestChunk(new ChunkResult(500, 0));
        context.CompleteOldestChunk(new ChunkResult(250, 0));
        await run;
        Assert.Equal(context.ChunkInstanceIds, context.Purged);
    }

    [Fact]
    public async Task ProcessBatch_WhenThePlanKeepsChunkHistories_PurgesNothing()
    {
        var context = new OrchestrationScript(Plan(1250) with { PurgeChunkHistories = false }, completeChunksAtOnce: true);

        await ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId));

        Assert.Equal(3, context.Chunks.Count);
        Assert.Empty(context.Purged);
    }

    [Fact]
    public async Task ProcessBatch_WhenPurgingAChunkFailsForGood_StillFinishesTheBatchWithEveryChunksResult()
    {
        var context = new OrchestrationScript(Plan(1250), completeChunksAtOnce: true) { PurgeFails = true };

        var result = await ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId));

        Assert.Same(context.Finalized, result);
        Assert.Equal(3, context.Purged.Count);
        Assert.Contains(new PipelineStatus("FINALIZING", 1250, 0, 1250), context.Statuses);
    }

    [Fact]
    public async Task ProcessBatch_FanIn_ReportsTheFinalizeResultAndTheSummedProgress()
    {
        var final = new FinalizeBatchResult(BatchStatus.Partial, 700, 600, 100, "outreach-results/x/emails.csv", "outreach-results/x/rejected.csv");
        var context = new OrchestrationScript(Plan(700), completeChunksAtOnce: true, chunkResult: new ChunkResult(300, 50), finalResult: final);

        var result = await ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId));

        Assert.Same(final, result);
        Assert.Contains(new PipelineStatus("FINALIZING", 600, 100, 700), context.Statuses);
        Assert.Equal(new PipelineStatus("PARTIAL", 600, 100, 700), context.Statuses[^1]);

        // The end is announced once, after the batch is final, for the run's own job.
        var announced = Assert.Single(context.Events);
        Assert.Equal((Outreach.Functions.Webhooks.WebhookEvent.BatchFinished, BatchId, Plan(700).JobId), (announced.Type, announced.BatchId, announced.JobId));
    }

    [Fact]
    public async Task ProcessBatch_WhenRetryNamesWindows_RunsOnlyThoseChunks()
    {
        // The plan comes from StartBatch, which knows the retry job's type: it, not the input, decides.
        var context = new OrchestrationScript(Plan(1600) with { Windows = [1, 3], JobType = JobType.Generation }, completeChunksAtOnce: true);

        await ProcessBatchOrchestrator.RunAsync(context.Mock.Object, new ProcessBatchInput(BatchId, JobId, JobType.Generation));

        Assert.Equal([(500, 999), (1500, 1599)], context.Chunks.Select(c => (c.FromOrdinal, c.ToOrdinal)));
        Assert.All(context.Chunks, c => Assert.Equal(JobType.Generation, c.JobType));
    }

    [Fact]
    public async Task ProspectChunk_WhenOneProspectFailsPermanently_FailsItWithTheMessageAndCompletesTheOthers()
    {
        var ok = Guid.NewGuid();
        var bad = Guid.NewGuid();
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose);

        // One activity per prospect (the non-generic CallActivityAsync, no result); its failure already names the step.
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? _) =>
                name.Name == nameof(ProcessProspect) && ((ProspectWork)input!).ProspectId == bad
                    ? Task.FromException(Failure(nameof(ProcessProspect), typeof(PermanentProspectException), "GenerateEmail: OpenRouter: 402 insufficient credits"))
                    : Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<List<Guid>>(new TaskName(nameof(ListChunkProspects)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync([ok, bad]);

        var result = await ProcessProspectChunkOrchestrator.RunAsync(context.Object, new ChunkInput(BatchId, JobId, JobType.FullPipeline, 0, 1, 3, 5));

        Assert.Equal(new ChunkResult(1, 1), result);
        context.Verify(c => c.CallActivityAsync(
            new TaskName(nameof(FailProspect)),
            It.Is<object?>(i => ((FailProspectInput)i!).ProspectId == bad && ((FailProspectInput)i!).Reason == "GenerateEmail: OpenRouter: 402 insufficient credits"),
            It.IsAny<TaskOptions?>()), Times.Once);
        context.Verify(c => c.CallActivityAsync(new TaskName(nameof(FailProspect)), It.Is<object?>(i => ((FailProspectInput)i!).ProspectId == ok), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Fact]
    public async Task ProspectChunk_ForAGenerationJob_RunsOneActivityPerProspectThatSkipsEnrichment()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose);
        context.Setup(c => c.CallActivityAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Task.CompletedTask);
        context.Setup(c => c.CallActivityAsync<List<Guid>>(new TaskName(nameof(ListChunkProspects)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync([Guid.NewGuid()]);

        await ProcessProspectChunkOrchestrator.RunAsync(context.Object, new ChunkInput(BatchId, JobId, JobType.Generation, 0, 0, 3, 5));

        context.Verify(
            c => c.CallActivityAsync(new TaskName(nameof(ProcessProspect)), It.Is<object?>(i => ((ProspectWork)i!).JobType == JobType.Generation), It.IsAny<TaskOptions?>()),
            Times.Once);
        context.Verify(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name != nameof(ProcessProspect) && n.Name != nameof(FailProspect)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()), Times.Never);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(0, 10)] // a chunk whose input was recorded before the window existed: all at once, as it was then
    public async Task ProspectChunk_WhenProspectsFinish_NeverHasMoreScheduledThanItsWindow(int window, int expectedPeak)
    {
        var chunk = new ProspectChunkScript(prospects: 10, failing: 4);

        var run = ProcessProspectChunkOrchestrator.RunAsync(chunk.Mock.Object, new ChunkInput(BatchId, JobId, JobType.FullPipeline, 0, 9, 3, 5, window));
        var peak = 0;
        while (chunk.Scheduled.Count > 0)
        {
            peak = Math.Max(peak, chunk.Scheduled.Count);
            chunk.FinishOldest();
        }

        Assert.Equal(new ChunkResult(9, 1), await run);
        Assert.Equal(expectedPeak, peak);
        Assert.Equal(chunk.Prospects, chunk.Started);
        chunk.Mock.Verify(c => c.CallActivityAsync(new TaskName(nameof(FailProspect)), It.Is<object?>(i => ((FailProspectInput)i!).ProspectId == chunk.Prospects[4]), It.IsAny<TaskOptions?>()), Times.Once);
    }

    [Fact]
    public void ChunkInputAndPlan_WhenRecordedBeforeTheWindowExisted_ReadBackWithoutOne()
    {
        // A chunk or batch in flight across the upgrade replays its recorded input: it must read as "all at once",
        // what it scheduled then, or its replay would schedule differently from its history.
        var converter = JsonDataConverter.Default;
        var chunk = Recorded(converter, new ChunkInput(BatchId, JobId, JobType.FullPipeline, 0, 99, 4, 5, 16), nameof(ChunkInput.MaxProspectsInFlight));
        var plan = Recorded(converter, Plan(100), nameof(BatchPlan.MaxProspectsInFlightPerChunk));

        Assert.Equal(0, converter.Deserialize<ChunkInput>(chunk)!.MaxProspectsInFlight);
        Assert.Equal(0, converter.Deserialize<BatchPlan>(plan)!.MaxProspectsInFlightPerChunk);
        Assert.Equal((0, 99, 4), converter.Deserialize<ChunkInput>(chunk) is { } c ? (c.FromOrdinal, c.ToOrdinal, c.MaxAttempts) : default);
    }

    /// <summary>How <paramref name="value"/> was recorded before <paramref name="newProperty"/> existed.</summary>
    private static string Recorded(DataConverter converter, object value, string newProperty)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(converter.Serialize(value)!)!.AsObject();
        Assert.True(json.Remove(newProperty), $"{newProperty} is not in {json.ToJsonString()}");
        return json.ToJsonString();
    }

    private static BatchPlan Plan(int prospects) => new(JobId, JobType.FullPipeline, prospects, 500, 4, null, 3, 5, MaxProspectsInFlightPerChunk: 16);

    private static TaskFailedException Failure(string task, Type exception, string message) =>
        new(task, 1, new TaskFailureDetails(exception.FullName!, message, null, null, null));

    /// <summary>A mocked orchestration context that plans, records chunk calls and finalizes.</summary>
    private sealed class OrchestrationScript
    {
        private readonly Queue<TaskCompletionSource<ChunkResult>> _pending = new();

        public OrchestrationScript(BatchPlan plan, bool completeChunksAtOnce, ChunkResult? chunkResult = null, FinalizeBatchResult? finalResult = null)
        {
            var final = finalResult ?? new FinalizeBatchResult(BatchStatus.Completed, plan.OrdinalCount, plan.OrdinalCount, 0, "e", "r");
            Mock.Setup(c => c.InstanceId).Returns("batch-x");
            Mock.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? s) => Statuses.Add((PipelineStatus)s!));
            Mock.Setup(c => c.CallActivityAsync<BatchPlan>(new TaskName(nameof(StartBatch)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(plan);
            Mock.Setup(c => c.CallSubOrchestratorAsync<ChunkResult>(new TaskName(nameof(ProcessProspectChunkOrchestrator)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? options) =>
                {
                    Chunks.Add((ChunkInput)input!);
                    ChunkInstanceIds.Add(((SubOrchestrationOptions)options!).InstanceId!);
                    if (completeChunksAtOnce)
                    {
                        return Task.FromResult(chunkResult ?? new ChunkResult(((ChunkInput)input!).ToOrdinal - ((ChunkInput)input!).FromOrdinal + 1, 0));
                    }

                    var pending = new TaskCompletionSource<ChunkResult>();
                    _pending.Enqueue(pending);
                    return pending.Task;
                });
            Mock.Setup(c => c.CallActivityAsync<FinalizeBatchResult>(new TaskName(nameof(FinalizeBatch)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .ReturnsAsync(() => Finalized = final);
            Mock.Setup(c => c.CallActivityAsync<int>(new TaskName(nameof(PurgeChunkHistory)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? _) =>
                {
                    Purged.Add((string)input!);
                    return PurgeFails ? Task.FromException<int>(Failure(nameof(PurgeChunkHistory), typeof(InvalidOperationException), "storage away")) : Task.FromResult(1);
                });
            Mock.Setup(c => c.CallActivityAsync<int>(new TaskName(nameof(RecordWebhookEvent)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Callback((TaskName _, object? input, TaskOptions? _) => Events.Add((Outreach.Functions.Webhooks.WebhookEvent)input!))
                .ReturnsAsync(0);
        }

        /// <summary>The webhook events the run recorded.</summary>
        public List<Outreach.Functions.Webhooks.WebhookEvent> Events { get; } = [];

        public Mock<TaskOrchestrationContext> Mock { get; } = new(MockBehavior.Strict);

        public List<ChunkInput> Chunks { get; } = [];

        public List<string> ChunkInstanceIds { get; } = [];

        /// <summary>The chunk instances whose histories the run purged (asked to purge, when <see cref="PurgeFails"/>).</summary>
        public List<string> Purged { get; } = [];

        /// <summary>Every purge fails for good.</summary>
        public bool PurgeFails { get; init; }

        public List<PipelineStatus> Statuses { get; } = [];

        public FinalizeBatchResult? Finalized { get; private set; }

        public List<TaskCompletionSource<ChunkResult>> Pending => _pending.Where(p => !p.Task.IsCompleted).ToList();

        public void CompleteOldestChunk(ChunkResult result) => _pending.Dequeue().SetResult(result);
    }

    /// <summary>A mocked chunk context whose ProcessProspect calls stay scheduled until finished, oldest first.</summary>
    private sealed class ProspectChunkScript
    {
        private readonly Queue<(Guid Id, TaskCompletionSource Done)> _scheduled = new();

        public ProspectChunkScript(int prospects, int failing)
        {
            Prospects = Enumerable.Range(0, prospects).Select(_ => Guid.NewGuid()).ToList();
            var bad = Prospects[failing];
            Mock.Setup(c => c.CallActivityAsync<List<Guid>>(new TaskName(nameof(ListChunkProspects)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync(Prospects);
            Mock.Setup(c => c.CallActivityAsync(new TaskName(nameof(ProcessProspect)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? _) =>
                {
                    var id = ((ProspectWork)input!).ProspectId;
                    Started.Add(id);
                    var done = new TaskCompletionSource();
                    _scheduled.Enqueue((id, done));
                    return done.Task;
                });
            Mock.Setup(c => c.CallActivityAsync(new TaskName(nameof(FailProspect)), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).Returns(Task.CompletedTask);
            Bad = bad;
        }

        public Mock<TaskOrchestrationContext> Mock { get; } = new(MockBehavior.Strict);

        public List<Guid> Prospects { get; }

        /// <summary>The prospects whose activity was scheduled, in order.</summary>
        public List<Guid> Started { get; } = [];

        /// <summary>Activities scheduled and not yet finished.</summary>
        public List<Guid> Scheduled => _scheduled.Where(s => !s.Done.Task.IsCompleted).Select(s => s.Id).ToList();

        private Guid Bad { get; }

        /// <summary>Finishes the oldest scheduled activity: it fails for good for the failing prospect.</summary>
        public void FinishOldest()
        {
            var (id, done) = _scheduled.Dequeue();
            if (id == Bad)
            {
                done.SetException(Failure(nameof(ProcessProspect), typeof(PermanentProspectException), "GenerateEmail: OpenRouter: 402 insufficient credits"));
            }
            else
            {
                done.SetResult();
            }
        }
    }
}
