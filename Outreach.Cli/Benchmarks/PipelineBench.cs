using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Data.Ingestion;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Activities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers.Template;

namespace Outreach.Cli.Benchmarks;

/// <summary>
/// <c>outreach bench pipeline</c>, all in one run on the local engine: (a) the engine's ceiling — a trivial
/// orchestration with the same chunking and in-flight limit fanning out three no-op activities per item;
/// (b) the full pipeline with stub providers; (c) the same activity code under Parallel.ForEachAsync, no engine.
/// With --latency-ms every provider call (and every no-op activity) waits that long.
/// </summary>
internal static class PipelineBench
{
    private const double Target = 0.5;

    public static async Task<int> RunAsync(int prospects, int latencyMs, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configured = CliSettings.Load();
        if (CliSettings.Missing(configured, "ConnectionStrings:Outreach", "AzureWebJobsStorage") is { } missing)
        {
            await error.WriteLineAsync($"{missing} is not set; run eng/bench.sh, which starts the local services.");
            return 2;
        }

        await using var bench = await ThrowawayDatabase.CreateAsync(configured.GetConnectionString("Outreach")!, "outreach_bench_pipeline", cancellationToken);
        var latency = TimeSpan.FromMilliseconds(latencyMs);
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(configured)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Outreach"] = bench.ConnectionString,
                ["TaskHubName"] = $"bench{Guid.NewGuid():N}"[..16],
            })
            .Build();

        var engine = await LocalDurableEngine.StartAsync(
            configuration,
            services =>
            {
                if (latency > TimeSpan.Zero)
                {
                    services.AddSingleton<IProspectEnricher>(sp => new SlowProviders(latency, sp.GetRequiredService<TimeProvider>()));
                    services.AddSingleton<IEmailGenerator>(sp => new SlowProviders(latency, sp.GetRequiredService<TimeProvider>()));
                }
            },
            cancellationToken: cancellationToken,
            extraTasks: registry => RegisterBaseline(registry, latency));
        try
        {
            await MigrateAsync(engine.Services, cancellationToken);
            var options = engine.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PipelineOptions>>().Value;
            var concurrency = configuration.GetValue("LocalEngine:MaxConcurrentActivities", 16);
            await output.WriteLineAsync($"pipeline: {prospects:N0} prospects, chunks of {options.ChunkSize}, {options.MaxChunksInFlight} in flight, {concurrency} activities at once, provider latency {latencyMs} ms");

            var csv = Path.Combine(Path.GetTempPath(), $"outreach-bench-{Guid.NewGuid():N}.csv");
            await BenchCommand.WriteCsvAsync(csv, prospects);
            try
            {
                var ceiling = await MeasureAsync(() => RunBaselineAsync(engine.Client, prospects, options, cancellationToken));
                await output.WriteLineAsync($"  (a) engine ceiling, no-op activities:  {prospects / ceiling:N1} prospects/s ({ceiling:F1} s)");
                var pipeline = await MeasureAsync(() => RunPipelineAsync(engine, csv, "bench-pipeline", cancellationToken));
                await output.WriteLineAsync($"  (b) full pipeline, stub providers:     {prospects / pipeline:N1} prospects/s ({pipeline:F1} s)");
                var direct = await MeasureAsync(() => RunDirectAsync(engine.Services, csv, concurrency, cancellationToken));
                await output.WriteLineAsync($"  (c) Parallel.ForEachAsync, no engine:  {prospects / direct:N1} prospects/s ({direct:F1} s)");
                var ratio = ceiling / pipeline;
                await output.WriteLineAsync($"ratio (b)/(a): {ratio:F2}x (target >= {Target:F1}x) {(ratio >= Target ? "MET" : "MISSED")}; (b)/(c): {direct / pipeline:F2}x");
                return ratio >= Target ? 0 : 1;
            }
            finally
            {
                File.Delete(csv);
            }
        }
        finally
        {
            var service = engine.Service;
            await engine.DisposeAsync();
            await service.DeleteAsync();
        }
    }

    private static async Task<double> MeasureAsync(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }

    private sealed record BaselineInput(int Count, int ChunkSize, int MaxChunksInFlight);

    private sealed record BaselineChunk(int From, int To);

    private static void RegisterBaseline(DurableTaskRegistry registry, TimeSpan latency)
    {
        registry.AddOrchestratorFunc<BaselineInput, int>("BenchBatchOrchestrator", async (context, input) =>
        {
            var inFlight = new List<Task<int>>();
            var done = 0;
            for (var from = 0; from < input.Count; from += input.ChunkSize)
            {
                if (inFlight.Count >= input.MaxChunksInFlight)
                {
                    var finished = await Task.WhenAny(inFlight);
                    inFlight.Remove(finished);
                    done += finished.Result;
                }

                inFlight.Add(context.CallSubOrchestratorAsync<int>(
                    "BenchChunkOrchestrator", new BaselineChunk(from, Math.Min(from + input.ChunkSize, input.Count) - 1), new SubOrchestrationOptions(instanceId: $"{context.InstanceId}-chunk-{from}")));
            }

            return done + (await Task.WhenAll(inFlight)).Sum();
        });
        registry.AddOrchestratorFunc<BaselineChunk, int>("BenchChunkOrchestrator", async (context, chunk) =>
        {
            // The pipeline's shape: three activities in sequence per item, items in parallel.
            var items = Enumerable.Range(chunk.From, chunk.To - chunk.From + 1).Select(async i =>
            {
                for (var step = 0; step < 3; step++)
                {
                    await context.CallActivityAsync<int>("BenchNoOpActivity", i);
                }
            });
            await Task.WhenAll(items);
            return chunk.To - chunk.From + 1;
        });
        registry.AddActivityFunc<int, int>("BenchNoOpActivity", async (_, i) =>
        {
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency);
            }

            return i;
        });
    }

    private static async Task RunBaselineAsync(DurableTaskClient client, int prospects, PipelineOptions options, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync("BenchBatchOrchestrator", new BaselineInput(prospects, options.ChunkSize, options.MaxChunksInFlight), cancellationToken);
        var result = await client.WaitForInstanceCompletionAsync(id, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The baseline orchestration ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
        }
    }

    private static async Task RunPipelineAsync(LocalDurableEngine engine, string csv, string campaignName, CancellationToken cancellationToken)
    {
        await CreateCampaignAsync(engine.Services, campaignName, cancellationToken);
        var container = engine.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{campaignName}/{Path.GetFileName(csv)}");
        await blob.UploadAsync(csv, overwrite: true, cancellationToken);
        var result = await engine.Services.GetRequiredService<BlobUploadProcessor>().ProcessAsync(blob, campaignName, engine.Client, cancellationToken);
        var run = await engine.Client.WaitForInstanceCompletionAsync(Batch.InstanceIdFor(result.BatchId!.Value), cancellationToken);
        if (run.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The pipeline ended {run.RuntimeStatus}: {run.FailureDetails?.ErrorMessage}");
        }
    }

    private static async Task RunDirectAsync(IServiceProvider services, string csv, int concurrency, CancellationToken cancellationToken)
    {
        var campaign = await CreateCampaignAsync(services, "bench-direct", cancellationToken);
        var ingest = await services.GetRequiredService<UploadIngestor>().IngestAsync(
            new UploadSource("bench", $"direct/{Path.GetFileName(csv)}", "direct", new FileInfo(csv).Length, campaign.Name),
            _ => Task.FromResult<Stream>(File.OpenRead(csv)),
            cancellationToken);
        var batchId = ingest.BatchId!.Value;
        var plan = await ActivatorUtilities.CreateInstance<StartBatch>(services).RunAsync(new StartBatchInput(batchId, $"direct-{batchId:N}"), cancellationToken);
        List<Guid> ids;
        await using (var db = await services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Prospects.Where(p => p.BatchId == batchId).OrderBy(p => p.Ordinal).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        // The same activity the engine runs, from the same container.
        var process = ActivatorUtilities.CreateInstance<ProcessProspect>(services);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (id, ct) =>
            await process.RunAsync(new ProspectWork(id, plan.JobId), ct));
        await ActivatorUtilities.CreateInstance<FinalizeBatch>(services).RunAsync(new FinalizeBatchInput(batchId, plan.JobId), cancellationToken);
    }

    private static async Task<Campaign> CreateCampaignAsync(IServiceProvider services, string name, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(cancellationToken);
        var service = new Service($"{name} service", "Benchmark", "Benchmark", [], DateTimeOffset.UtcNow);
        // Verification off: the benchmark's addresses are at reserved domains that do not exist; they are still checked.
        var campaign = new Campaign(name, "Hello {{company}}", "Benchmark.", service.Id, [], [], DedupeScope.Campaign, DateTimeOffset.UtcNow,
            verification: VerificationPolicy.Off);
        db.AddRange(service, campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    private static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Stub providers that take a fixed time per call, like a fast remote API.</summary>
    private sealed class SlowProviders(TimeSpan latency, TimeProvider clock) : IProspectEnricher, IEmailGenerator
    {
        public async Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await new NotConfiguredEnricher(clock).EnrichAsync(prospect, campaign, cancellationToken);
        }

        public async Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await new TemplateEmailGenerator().GenerateAsync(prospect, enrichment, analysis, campaign, cancellationToken);
        }
    }
}
