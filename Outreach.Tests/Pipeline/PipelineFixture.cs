using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Cli.Hosting;
using Outreach.Data.Ingestion;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Ingestion;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

/// <summary>
/// A test's own database, upload container and task hub, with the local Durable engine (Azure Storage backend
/// on Azurite) running the app's real orchestrators and activities. Providers are scripted to fail on cue.
/// </summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILoggerFactory? _logs;

    private PipelineFixture(
        TestDatabase database, UploadContainer container, LocalDurableEngine engine, ScriptedProviders providers, Campaign campaign, IConfiguration configuration, ILoggerFactory? logs)
    {
        _configuration = configuration;
        _logs = logs;
        Database = database;
        Container = container;
        Engine = engine;
        Providers = providers;
        Campaign = campaign;
    }

    public TestDatabase Database { get; }

    public UploadContainer Container { get; }

    public LocalDurableEngine Engine { get; private set; }

    public ScriptedProviders Providers { get; }

    public Campaign Campaign { get; }

    public DurableTaskClient Client => Engine.Client;

    /// <summary>The blob of the last <see cref="StartBatchAsync"/>.</summary>
    public string LastBlobName { get; private set; } = string.Empty;

    /// <param name="server">The PostgreSQL server.</param>
    /// <param name="settings">Settings over the defaults.</param>
    /// <param name="scripted">False to run the app's real providers (pointed at fakes by <paramref name="settings"/>) instead of the scripted ones.</param>
    /// <param name="databaseRelay">A relay the app reaches the database through (the test's own checks go direct), to take the database away from it.</param>
    public static async Task<PipelineFixture> StartAsync(
        PostgresServer server, IReadOnlyDictionary<string, string?>? settings = null, bool scripted = true, TcpFaultProxy? databaseRelay = null)
    {
        var database = await server.CreateDatabaseAsync();
        var container = await UploadContainer.CreateAsync();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = databaseRelay is null
                ? database.ConnectionString
                : new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = databaseRelay.Port }.ConnectionString,
            ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString,
            ["Verification:DnsServers"] = TestEnvironment.DnsServer,
            ["TaskHubName"] = $"t{Guid.NewGuid():N}"[..20],
            ["Pipeline:FirstRetryDelaySeconds"] = "1",
            ["Pipeline:MaxAttempts"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var providers = new ScriptedProviders { Enabled = scripted };

        // OUTREACH_TEST_LOGS=1 shows engine and app logs on the console when a pipeline test needs explaining.
        var logs = Environment.GetEnvironmentVariable("OUTREACH_TEST_LOGS") == "1"
            ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information))
            : null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var engine = await StartEngineAsync(configuration, providers, logs);

        Campaign campaign;
        await using (var db = database.CreateContext())
        {
            var service = new ServiceBuilder().Build();
            campaign = new CampaignBuilder().Named("Pipeline test").WithFlags(EnrichmentFlags.LinkedIn, EnrichmentFlags.Website).Build(service.Id);
            db.AddRange(service, campaign);
            await db.SaveChangesAsync();
        }

        return new PipelineFixture(database, container, engine, providers, campaign, configuration, logs);
    }

    /// <summary>Stops the engine as a crashed or closed host would stop, and starts a new one on the same task hub.</summary>
    public async Task RestartEngineAsync()
    {
        await Engine.DisposeAsync();
        Engine = await StartEngineAsync(_configuration, Providers, _logs);
    }

    private static Task<LocalDurableEngine> StartEngineAsync(IConfiguration configuration, ScriptedProviders providers, ILoggerFactory? logs) =>
        LocalDurableEngine.StartAsync(
            configuration,
            services =>
            {
                if (providers.Enabled)
                {
                    services.AddSingleton<IProspectEnricher>(providers);
                    services.AddSingleton<IEmailGenerator>(providers);
                }
            },
            logs,
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Runs the trigger code again on a blob already dropped (a redelivery, or `outreach run` on the same file).</summary>
    public async Task<IngestionResult> RedeliverAsync(string blobName) =>
        await Engine.Services.GetRequiredService<BlobUploadProcessor>().ProcessAsync(Container.Client.GetBlobClient(blobName), Campaign.Name, Client, TestContext.Current.CancellationToken);

    /// <summary>Drops a CSV with these emails, lets the trigger code ingest it and start the batch, and returns the batch id.</summary>
    public async Task<Guid> StartBatchAsync(params string[] emails)
    {
        var file = CsvFileBuilder.WithHeader("Email", "Full Name", "Company", "Title");
        for (var i = 0; i < emails.Length; i++)
        {
            file.Row(emails[i], $"Person {i}", $"Company {i % 3}", "CTO");
        }

        var blob = await Container.DropAsync(Campaign.Name, $"{Guid.NewGuid():N}.csv", file.Build());
        LastBlobName = blob.Name;
        var result = await Engine.Services.GetRequiredService<BlobUploadProcessor>().ProcessAsync(blob, Campaign.Name, Client, TestContext.Current.CancellationToken);
        Assert.Equal(UploadStatus.Imported, result.Status);
        return result.BatchId!.Value;
    }

    /// <summary>
    /// Waits for <paramref name="instanceId"/> to end, on the engine's completion event; the ceiling (5 min unless
    /// given) is for a machine that is busy, not a performance bound. Past it the test fails saying what it waited for
    /// and where the instance and the batch had got to.
    /// </summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? ceiling = null)
    {
        var limit = ceiling ?? TimeSpan.FromMinutes(5);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(limit);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            var batches = await Database.RowsAsync("SELECT status::text, total_prospects, enriched_prospects, generated_emails, failed_prospects FROM batches");
            Assert.Fail(
                $"Orchestration {instanceId} did not complete within {limit.TotalMinutes:F0} min: it is {instance?.RuntimeStatus.ToString() ?? "unknown"} " +
                $"({instance?.SerializedCustomStatus}); batches (status, total, enriched, generated, failed): " +
                string.Join("; ", batches.Select(r => string.Join(", ", r))));
            throw;
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every 100 ms until it holds; fails the test naming <paramref name="what"/>
    /// if it does not within the ceiling (3 min unless given) — generous, for a busy machine.
    /// </summary>
    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan? ceiling = null)
    {
        var limit = ceiling ?? TimeSpan.FromMinutes(3);
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {limit.TotalSeconds:F0} s for {what}; it did not happen.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var service = Engine.Service;
        await Engine.DisposeAsync();

        // The task hub's tables and queues are this test's alone; a slow delete must not hold the run.
        try
        {
            await service.DeleteAsync().WaitAsync(LocalDurableEngine.ShutdownBudget);
        }
        catch (TimeoutException)
        {
            // Left to Azurite's folder, which the run discards.
        }
        await Container.DisposeAsync();
        await Database.DisposeAsync();
        _logs?.Dispose();
    }
}
