using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Outreach.Cli.Hosting;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Hosting;

/// <summary>
/// The sidecar starts and stops the task hub backend from <c>async void</c> host callbacks, where an exception ends
/// the test host (exit code 134: a NullReferenceException in <c>AppLeaseManager.StopAsync</c> from two concurrent
/// stops once killed a CI run). These run the real Azure Storage backend on Azurite through the wrapper the sidecar
/// is given, and show that every order of start and stop the host can produce completes without throwing.
/// </summary>
public sealed class BackendLifecycleTests
{
    [Fact]
    public async Task StopAsync_WhenTheBackendNeverStarted_DoesNothing()
    {
        using var logs = new CapturingLoggerProvider();
        var backend = Wrap(out var inner, logs);

        // The backend itself dereferences a token source that only start creates.
        await Assert.ThrowsAsync<NullReferenceException>(() => inner.StopAsync(isForced: true));
        await backend.StopAsync(isForced: true).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Empty(logs.Lines);
    }

    [Fact]
    public async Task StopAsync_WhenTheSidecarAndTheEngineStopAtOnce_StopsOnceWithoutThrowing()
    {
        using var logs = new CapturingLoggerProvider();
        var backend = Wrap(out _, logs);
        await backend.StartAsync().WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        var stops = Enumerable.Range(0, 4).Select(i => Task.Run(() => backend.StopAsync(isForced: i % 2 == 0)));
        await Task.WhenAll(stops).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(logs.Lines, line => line.Contains("did not stop cleanly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_WhenCalledTwiceOrAfterStop_StartsOnceAndStaysStopped()
    {
        using var logs = new CapturingLoggerProvider();
        var backend = Wrap(out _, logs);
        await backend.StartAsync().WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        // The backend refuses a second start ("already started"); the sidecar can call it late, after the host stopped.
        await backend.StartAsync().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await backend.StopAsync().WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await backend.StartAsync().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await backend.StopAsync().WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Empty(logs.Lines);
    }

    private static TagSafeOrchestrationService Wrap(out AzureStorageOrchestrationService inner, CapturingLoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString,
                ["TaskHubName"] = "Lifecycle" + Guid.NewGuid().ToString("N")[..12],
            })
            .Build();
        var settings = LocalDurableEngine.TaskHubSettings(configuration);
        settings.PartitionCount = 1;
        inner = new AzureStorageOrchestrationService(settings);
        return new TagSafeOrchestrationService(inner, logs.CreateLogger("backend"));
    }
}
