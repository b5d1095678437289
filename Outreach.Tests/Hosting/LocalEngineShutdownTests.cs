using Outreach.Cli.Hosting;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Hosting;

/// <summary>
/// A shutdown stage that never ends (the Azure Storage backend may wait ten minutes for its partition manager) must
/// not hang the process that owns the engine: each stage is abandoned after its limit, and the log says which.
/// </summary>
public sealed class LocalEngineShutdownTests
{
    [Fact]
    public async Task StopWithinAsync_WhenAStageNeverEnds_GivesUpAfterTheLimitAndNamesTheStage()
    {
        using var logs = new CapturingLoggerProvider();
        var never = new TaskCompletionSource().Task;

        var stopped = await LocalDurableEngine.StopWithinAsync("task hub backend", never, TimeSpan.FromMilliseconds(200), logs.CreateLogger("engine"))
            .WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.False(stopped);
        Assert.Contains(logs.Lines, line => line.Contains("task hub backend did not stop within 0.2 s; abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopWithinAsync_WhenTheStageEnds_ReportsItStoppedAndLogsNothing()
    {
        using var logs = new CapturingLoggerProvider();

        var stopped = await LocalDurableEngine.StopWithinAsync("worker", Task.CompletedTask, TimeSpan.FromSeconds(15), logs.CreateLogger("engine"));

        Assert.True(stopped);
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public async Task StopWithinAsync_WhenTheStageThrows_AbandonsItWithoutThrowingAndNamesTheStage()
    {
        using var logs = new CapturingLoggerProvider();
        var failing = Task.FromException(new InvalidOperationException("the lease manager had no token source"));

        var stopped = await LocalDurableEngine.StopWithinAsync("gRPC sidecar", failing, TimeSpan.FromSeconds(15), logs.CreateLogger("engine"));

        Assert.False(stopped);
        Assert.Contains(logs.Lines, line => line.Contains("gRPC sidecar failed to stop; abandoned", StringComparison.Ordinal));
    }
}
