using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers;
using Outreach.Functions.Tests.Builders;
using Outreach.Functions.Tests.Infrastructure;

namespace Outreach.Functions.Tests.Pipeline;

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
    public static async Task<PipelineFixture> StartAsync(PostgresServer server, IReadOnlyDictionary<string, string?>? settings = null, bool scripted = true)
    {
        var database = await server.CreateDatabaseAsync();
        var container = await UploadContainer.CreateAsync();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString,
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
    public async Task<Outreach.Domain.Import.IngestionResult> RedeliverAsync(string blobName) =>
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

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails the test if it is not true within 60 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 60 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var service = Engine.Service;
        await Engine.DisposeAsync();
        await service.DeleteAsync();
        await Container.DisposeAsync();
        await Database.DisposeAsync();
        _logs?.Dispose();
    }
}
