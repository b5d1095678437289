using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Functions;

namespace Outreach.Cli.Hosting;

/// <summary>
/// A Durable engine in this process, without the Functions host: the gRPC sidecar of the Durable Task
/// in-process test host (<see cref="TaskHubGrpcServer"/>) over the Durable Task Framework's Azure Storage
/// backend — the one Durable Functions uses by default — on the storage account of <c>AzureWebJobsStorage</c>
/// (Azurite locally). State lives in storage, so a run survives a restart like production does. The worker
/// runs the app's own orchestrators and activities (<see cref="PipelineRegistry"/>) with the app's own services.
/// </summary>
public sealed class LocalDurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly ILogger _logger;
    private readonly TagSafeOrchestrationService _backend;
    private bool _disposed;

    private LocalDurableEngine(AzureStorageOrchestrationService service, TagSafeOrchestrationService backend, WebApplication sidecar, IHost worker, GrpcChannel channel, ILogger logger)
    {
        Service = service;
        _backend = backend;
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        _logger = logger;
    }

    /// <summary>The client for starting and managing orchestrations.</summary>
    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The worker's services: the app's registrations.</summary>
    public IServiceProvider Services => _worker.Services;

    /// <summary>The task hub's storage backend.</summary>
    public AzureStorageOrchestrationService Service { get; }

    /// <summary>Starts the engine on task hub <c>TaskHubName</c> (default OutreachLocal).</summary>
    /// <param name="configuration">Settings by their app-setting names (AzureWebJobsStorage, ConnectionStrings__Outreach, …).</param>
    /// <param name="configureServices">Registrations applied before the app's own (tests use it to supply providers).</param>
    /// <param name="loggerFactory">Where engine and app logs go; none by default.</param>
    /// <param name="extraTasks">Orchestrators and activities beside the pipeline's (the benchmark's baseline).</param>
    /// <param name="processWork">
    /// False for a client only (<c>outreach pause</c>, <c>cancel</c>): it starts, suspends and terminates
    /// orchestrations but runs none and takes no work from another process's engine.
    /// </param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<LocalDurableEngine> StartAsync(
        IConfiguration configuration,
        Action<IServiceCollection>? configureServices = null,
        ILoggerFactory? loggerFactory = null,
        Action<Microsoft.DurableTask.DurableTaskRegistry>? extraTasks = null,
        bool processWork = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var engine = new LocalEngineOptions();
        configuration.GetSection(LocalEngineOptions.SectionName).Bind(engine);

        var settings = TaskHubSettings(configuration);
        // The backend holds twice the activity slots: a work item's queue round trips to storage (fetch, then complete)
        // overlap with another's run instead of idling a slot — measured, 0.62 → 1.0 of the concurrency limit with
        // 200 ms provider calls. What runs at once stays MaxConcurrentActivities: the worker's ActivitySlots gate.
        settings.MaxConcurrentTaskActivityWorkItems = engine.MaxConcurrentActivities * 2;
        settings.MaxConcurrentTaskOrchestrationWorkItems = engine.MaxConcurrentOrchestrations;
        settings.PartitionCount = engine.PartitionCount;

        // Locally, an idle queue should be noticed within a second, not the production default of 30.
        settings.MaxQueuePollingInterval = TimeSpan.FromSeconds(1);
        settings.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(engine.VisibilityTimeoutSeconds);
        settings.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(engine.VisibilityTimeoutSeconds);
        settings.ExtendedSessionsEnabled = engine.ExtendedSessionIdleTimeoutSeconds > 0;
        settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Math.Max(1, engine.ExtendedSessionIdleTimeoutSeconds));
        settings.LoggerFactory = loggerFactory;
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();

        var sidecarBuilder = InProcessWebApplication.CreateBuilder();
        sidecarBuilder.Logging.ClearProviders();
        sidecarBuilder.Services.AddSingleton(loggerFactory);
        sidecarBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 16 * 1024 * 1024);
        var backend = new TagSafeOrchestrationService(service, loggerFactory.CreateLogger<TagSafeOrchestrationService>(), listen: processWork);
        sidecarBuilder.Services.AddSingleton<IOrchestrationService>(backend);
        sidecarBuilder.Services.AddSingleton<IOrchestrationServiceClient>(backend);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);
        var address = sidecar.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        var workerBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        workerBuilder.Configuration.AddConfiguration(configuration);
        workerBuilder.Services.AddSingleton(loggerFactory);
        workerBuilder.Services.AddLogging();
        configureServices?.Invoke(workerBuilder.Services);
        workerBuilder.Services.AddSingleton(new ActivitySlots(engine.MaxConcurrentActivities));
        workerBuilder.Services.AddOutreachFunctions();
        if (processWork)
        {
            AddWorker(workerBuilder.Services, channel, engine, extraTasks);
        }

        workerBuilder.Services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(channel);
            builder.RegisterDirectly();
        });
        var worker = workerBuilder.Build();
        await worker.StartAsync(cancellationToken);
        return new LocalDurableEngine(service, backend, sidecar, worker, channel, loggerFactory.CreateLogger<LocalDurableEngine>());
    }

    private static void AddWorker(IServiceCollection services, GrpcChannel channel, LocalEngineOptions engine, Action<Microsoft.DurableTask.DurableTaskRegistry>? extraTasks) =>
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(channel);
            builder.AddTasks(registry =>
            {
                registry.AddOutreachPipeline();
                extraTasks?.Invoke(registry);
            });
            builder.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = engine.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = engine.MaxConcurrentOrchestrations;
            });
        });

    /// <summary>
    /// The task hub <c>TaskHubName</c> (default OutreachLocal) on the storage account of <c>AzureWebJobsStorage</c>:
    /// what the engine runs on.
    /// </summary>
    public static AzureStorageOrchestrationServiceSettings TaskHubSettings(IConfiguration configuration) => new()
    {
        TaskHubName = TaskHubName(configuration),
        StorageAccountClientProvider = new StorageAccountClientProvider(TaskHubStorage(configuration)),
    };

    /// <summary>The task hub's name: <c>TaskHubName</c>, OutreachLocal when unset.</summary>
    public static string TaskHubName(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["TaskHubName"] ?? "OutreachLocal";
    }

    /// <summary>The connection string of the task hub's storage account (<c>AzureWebJobsStorage</c>).</summary>
    public static string TaskHubStorage(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["AzureWebJobsStorage"]
            ?? throw new InvalidOperationException("AzureWebJobsStorage is not set; eng/start-services.sh starts Azurite and writes it to .local/services.env.");
    }

    /// <summary>
    /// Stops the worker, the sidecar and the backend within <see cref="ShutdownBudget"/> in all, however stuck a part
    /// is: each stage gets what is left of the budget. The Azure Storage backend alone may wait ten minutes for its
    /// partition manager ("Timed-out waiting for the partition manager to shut down"); a stage that overruns is
    /// logged and abandoned — its messages are invisible for the visibility timeout and then taken by the next
    /// worker, so nothing is lost. Orchestration state stays in storage.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan Left() => ShutdownBudget - clock.Elapsed is var left && left > MinimumStage ? left : MinimumStage;
        using var stopping = new CancellationTokenSource(ShutdownBudget);
        await StopWithinAsync("worker", _worker.StopAsync(stopping.Token), Left(), _logger);
        _worker.Dispose();
        await StopWithinAsync("gRPC sidecar", _sidecar.StopAsync(stopping.Token), Left(), _logger);
        await StopWithinAsync("gRPC sidecar disposal", _sidecar.DisposeAsync().AsTask(), Left(), _logger);
        _channel.Dispose();

        // The sidecar stops the backend when it stops, unless it never started it; either way, once only.
        await StopWithinAsync("task hub backend", _backend.StopAsync(isForced: true), Left(), _logger);
    }

    /// <summary>How long the whole shutdown may take: a stopped <c>outreach run</c> must exit within 15 s.</summary>
    public static TimeSpan ShutdownBudget { get; } = TimeSpan.FromSeconds(12);

    // A stage always gets a moment, even when an earlier one used up the budget.
    private static readonly TimeSpan MinimumStage = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits for one shutdown stage at most <paramref name="limit"/>; true when it ended, false (and a warning) when abandoned.</summary>
    internal static async Task<bool> StopWithinAsync(string stage, Task stop, TimeSpan limit, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(stop);
        try
        {
            await stop.WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The local engine's {Stage} did not stop within {Seconds} s; abandoned", stage, limit.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The local engine's {Stage} was cut short after {Seconds} s", stage, limit.TotalSeconds);
        }
        catch (Exception e)
        {
            // A shutdown must end, and end quietly: a part that fails to stop is abandoned like one that hangs.
            logger.LogWarning(e, "The local engine's {Stage} failed to stop; abandoned", stage);
        }

        return false;
    }
}
