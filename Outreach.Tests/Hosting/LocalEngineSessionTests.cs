using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Hosting;

/// <summary>
/// Extended sessions on the real local engine (the Azure Storage backend on Azurite, behind the gRPC sidecar): an
/// orchestration's history is read from the task hub once, not once per episode, its replays stay exact, and a
/// session parked when the engine stops loses nothing.
/// </summary>
public sealed class LocalEngineSessionTests(PostgresServer server)
{
    private const string Steps = "SessionSteps";
    private const string Step = "SessionStep";
    private const string Waiter = "SessionWaiter";
    private const int StepCount = 6;

    [Fact]
    public async Task Run_WithExtendedSessions_ReadsTheHistoryOnceAndReplaysEveryEpisodeExactly()
    {
        var (run, historyReads) = await RunStepsAsync(idleTimeoutSeconds: 30);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(StepCount * (StepCount + 1) / 2, run.ReadOutputAs<int>());
        Assert.Equal(1, historyReads);
    }

    [Fact]
    public async Task Run_WithExtendedSessionsOff_ReadsTheHistoryForEveryEpisode()
    {
        var (run, historyReads) = await RunStepsAsync(idleTimeoutSeconds: 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(StepCount * (StepCount + 1) / 2, run.ReadOutputAs<int>());
        Assert.True(historyReads > StepCount, $"{historyReads} history reads for {StepCount} activities run one after another (an episode each, and the start).");
    }

    [Fact]
    public async Task Stop_WithAnOrchestrationParkedOnItsSession_ReleasesItAndANewEngineFinishesIt()
    {
        await using var database = await server.CreateDatabaseAsync();
        var configuration = Configuration(database.ConnectionString, idleTimeoutSeconds: 300);
        var instanceId = $"waiter-{Guid.NewGuid():N}";
        await using var first = await StartAsync(configuration, logs: null);
        await first.Client.ScheduleNewOrchestrationInstanceAsync(Waiter, 1, new StartOrchestrationOptions(instanceId), TestContext.Current.CancellationToken);
        await PipelineFixture.WaitUntilAsync(
            "the orchestration to wait for its event",
            async () => (await first.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, TestContext.Current.CancellationToken))?.ReadCustomStatusAs<string>() == "waiting");

        // The idle timeout is five minutes; the stop releases the parked session rather than waiting for it (the unit
        // tests pin that down), and whatever the first engine held must come back to the second.
        await first.DisposeAsync();

        await using var second = await StartAsync(configuration, logs: null);
        try
        {
            await second.Client.RaiseEventAsync(instanceId, "go", 41, TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            var run = await second.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
            Assert.Equal(42, run.ReadOutputAs<int>());
        }
        finally
        {
            await second.Service.DeleteAsync();
        }
    }

    private async Task<(OrchestrationMetadata Run, int HistoryReads)> RunStepsAsync(int idleTimeoutSeconds)
    {
        await using var database = await server.CreateDatabaseAsync();
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var instanceId = $"steps-{Guid.NewGuid():N}";
        await using var engine = await StartAsync(Configuration(database.ConnectionString, idleTimeoutSeconds), loggerFactory);
        try
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(Steps, StepCount, new StartOrchestrationOptions(instanceId), TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            var run = await engine.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

            // The backend logs every history read (FetchedInstanceHistory: "Fetched N history events…", or "No history
            // events were found" for a new instance), and only that event carries a RequestCount.
            var reads = logs.Lines.Count(line => line.Contains($"InstanceId={instanceId}", StringComparison.Ordinal) && line.Contains(" RequestCount=", StringComparison.Ordinal));
            return (run, reads);
        }
        finally
        {
            await engine.Service.DeleteAsync();
        }
    }

    private static IConfiguration Configuration(string connectionString, int idleTimeoutSeconds) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString,
            ["TaskHubName"] = $"s{Guid.NewGuid():N}"[..20],
            ["LocalEngine:ExtendedSessionIdleTimeoutSeconds"] = $"{idleTimeoutSeconds}",
            ["LocalEngine:VisibilityTimeoutSeconds"] = "5",
        }).Build();

    private static Task<LocalDurableEngine> StartAsync(IConfiguration configuration, ILoggerFactory? logs) =>
        LocalDurableEngine.StartAsync(
            configuration,
            loggerFactory: logs,
            extraTasks: registry =>
            {
                // One activity after another: every result is an episode of its own.
                registry.AddOrchestratorFunc<int, int>(Steps, async (context, count) =>
                {
                    var total = 0;
                    for (var i = 1; i <= count; i++)
                    {
                        total += await context.CallActivityAsync<int>(Step, i);
                    }

                    return total;
                });
                registry.AddActivityFunc<int, int>(Step, (_, i) => i);
                registry.AddOrchestratorFunc<int, int>(Waiter, async (context, add) =>
                {
                    context.SetCustomStatus("waiting");
                    return await context.WaitForExternalEvent<int>("go") + add;
                });
            },
            cancellationToken: TestContext.Current.CancellationToken);
}
