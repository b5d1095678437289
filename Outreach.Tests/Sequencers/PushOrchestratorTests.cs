using Microsoft.DurableTask;
using Moq;
using Outreach.Domain.Enums;
using Outreach.Functions.Activities;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Webhooks;

namespace Outreach.Tests.Sequencers;

/// <summary>The push orchestrator's logic against a mocked context: pages, the stop on a failure for good, the fan-in and its event.</summary>
public sealed class PushOrchestratorTests
{
    private static readonly PushInput Input = new(Guid.Parse("01a21294-1630-72c3-a2a2-321eeb308e46"), Guid.Parse("01a21294-14f8-725f-b740-c813405a1922"), PushTarget.Smartlead, "1234567");

    [Fact]
    public async Task Run_WhenEveryPageSucceeds_SendsEachPageAndFinishesWithoutAFailure()
    {
        var script = new Script([new(0, 49), new(50, 99), new(100, 120)]);

        var summary = await PushBatchOrchestrator.RunAsync(script.Mock.Object, Input);

        Assert.Equal([0, 50, 100], script.Pages.Select(p => p.From));
        Assert.Null(script.Finished!.FailureReason);
        Assert.Equal(JobStatus.Completed, summary.Status);
        Assert.Equal(new WebhookEvent(WebhookEvent.PushFinished, Input.BatchId, Input.JobId, PushTarget.Smartlead, "1234567"), Assert.Single(script.Events));
    }

    [Fact]
    public async Task Run_WhenAPageFailsForGood_StartsNoFurtherPageAndFailsTheJobWithItsReason()
    {
        var script = new Script([new(0, 49), new(50, 99), new(100, 149), new(150, 199), new(200, 249)], failFrom: 50);

        await PushBatchOrchestrator.RunAsync(script.Mock.Object, Input);

        // The second page failed for good: the three after it were never started.
        Assert.Equal([0, 50], script.Pages.Select(p => p.From));
        Assert.Equal("PushLeads: Smartlead: the API key was refused (401); check the key setting", script.Finished!.FailureReason);
        Assert.Single(script.Events);
    }

    private sealed class Script
    {
        public Script(IReadOnlyList<PushRange> pages, int? failFrom = null)
        {
            Mock.Setup(c => c.SetCustomStatus(It.IsAny<object?>()));
            Mock.Setup(c => c.CallActivityAsync<PushPlan>(new TaskName(nameof(StartPush)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .ReturnsAsync(new PushPlan(pages, 2, 3, 1));
            Mock.Setup(c => c.CallActivityAsync<PushPageResult>(new TaskName(nameof(PushLeads)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? _) =>
                {
                    var page = (PushPageInput)input!;
                    Pages.Add(page);
                    return page.From == failFrom
                        ? Task.FromException<PushPageResult>(new TaskFailedException(nameof(PushLeads), 1, new TaskFailureDetails(
                            typeof(Outreach.Functions.Contracts.PermanentProspectException).FullName!, "Smartlead: the API key was refused (401); check the key setting", null, null, null)))
                        : Task.FromResult(new PushPageResult(page.To - page.From + 1, 0, 0));
                });
            Mock.Setup(c => c.CallActivityAsync<PushSummary>(new TaskName(nameof(FinishPush)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? _) =>
                {
                    Finished = (FinishPushInput)input!;
                    return Task.FromResult(new PushSummary(Finished.FailureReason is null ? JobStatus.Completed : JobStatus.Failed, 0, 0, 0, Finished.FailureReason));
                });
            Mock.Setup(c => c.CallActivityAsync<int>(new TaskName(nameof(RecordWebhookEvent)), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Callback((TaskName _, object? input, TaskOptions? _) => Events.Add((WebhookEvent)input!))
                .ReturnsAsync(1);
        }

        public Mock<TaskOrchestrationContext> Mock { get; } = new(MockBehavior.Strict);

        public List<PushPageInput> Pages { get; } = [];

        public List<WebhookEvent> Events { get; } = [];

        public FinishPushInput? Finished { get; private set; }
    }
}
