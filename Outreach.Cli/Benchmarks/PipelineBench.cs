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
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers.Template;
using Outreach.Functions.Verification;

namespace Outreach.Cli.Benchmarks;

/// <summary>
/// <c>outreach bench pipeline</c>, all in one run on the local engine, for each chunk size and batch size asked for:
/// (a) the engine's ceiling — a trivial orchestration of the pipeline's shape (the same chunking and in-flight limit,
/// one no-op activity per prospect); (b) the full pipeline with stub providers; (c) the same activity code
/// (<see cref="ProcessProspect"/>) under Parallel.ForEachAsync, no engine. Each after a warm-up, the median of
/// <c>--runs</c>. With --latency-ms every provider call waits that long (a prospect makes two: enrichment and the
/// email), and (b) is also reported against the concurrency limit the settings allow. SQL statements per prospect
/// of (b) come from pg_stat_statements when PostgreSQL loads it (eng/start-services.sh does).
/// </summary>
internal static class PipelineBench
{
    private const double EngineTarget = 0.3;
    private const double LimitTarget = 0.8;
    private const double LinearTarget = 11;
    private const double StatementTarget = 10;
    private const int ProviderCallsPerProspect = 2;

    /// <summary>Where eng/start-services.sh says its dnsmasq listens (host:port).</summary>
    private const string LocalDnsVariable = "OUTREACH_TEST_DNS";

    /// <summary>The medians of one batch size.</summary>
    private sealed record Figures(int Prospects, double Ceiling, double Pipeline, double Direct, double? StatementsPerProspect);

    public static async Task<int> RunAsync(
        IReadOnlyList<int> prospectCounts, IReadOnlyList<int> chunkSizes, int latencyMs, int runs, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configured = CliSettings.Load();
        if (CliSettings.Missing(configured, "ConnectionStrings:Outreach", "AzureWebJobsStorage") is { } missing)
        {
            await error.WriteLineAsync($"{missing} is not set; run eng/bench.sh, which starts the local services.");
            return 2;
        }

        if (chunkSizes.Count == 0)
        {
            chunkSizes = [configured.GetValue($"{PipelineOptions.SectionName}:{nameof(PipelineOptions.ChunkSize)}", new PipelineOptions().ChunkSize)];
        }

        var met = true;
        foreach (var chunkSize in chunkSizes)
        {
            var figures = await RunScenarioAsync(configured, prospectCounts, chunkSize, latencyMs, runs, output, cancellationToken);
            met &= await ReportAsync(figures, latencyMs, configured, output);
        }

        return met ? 0 : 1;
    }

    private static async Task<List<Figures>> RunScenarioAsync(
        IConfiguration configured, IReadOnlyList<int> prospectCounts, int chunkSize, int latencyMs, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        await using var bench = await ThrowawayDatabase.CreateAsync(configured.GetConnectionString("Outreach")!, "outreach_bench_pipeline", cancellationToken);
        var latency = TimeSpan.FromMilliseconds(latencyMs);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = bench.ConnectionString,
            ["TaskHubName"] = $"bench{Guid.NewGuid():N}"[..16],
            [$"{PipelineOptions.SectionName}:{nameof(PipelineOptions.ChunkSize)}"] = chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // Every prospect's address check asks DNS for its domain's MX. The machine's resolver is not part of what is
        // measured: on this one it dropped bursts of queries, and sixteen activities waited out the 3 s timeout together
        // (seen in a dump of a stalled run — every activity in DnsClient). The local dnsmasq eng/bench.sh starts answers
        // at once, and the benchmark's domains are under .test, which it answers itself.
        var localDns = Environment.GetEnvironmentVariable(LocalDnsVariable);
        if (!string.IsNullOrEmpty(localDns))
        {
            settings[$"{VerificationOptions.SectionName}:{nameof(VerificationOptions.DnsServers)}"] = localDns;
        }

        var configuration = new ConfigurationBuilder().AddConfiguration(configured).AddInMemoryCollection(settings).Build();

        var engine = await LocalDurableEngine.StartAsync(
            configuration,
            services =>
            {
                if (latency > TimeSpan.Zero)
                {
                    services.AddSingleton(sp => new SlowProviders(latency, sp.GetRequiredService<TimeProvider>()));
                    services.AddSingleton<IProspectEnricher>(sp => sp.GetRequiredService<SlowProviders>());
                    services.AddSingleton<IEmailGenerator>(sp => sp.GetRequiredService<SlowProviders>());
                }
            },
            cancellationToken: cancellationToken,
            extraTasks: registry => RegisterBaseline(registry, latency * ProviderCallsPerProspect));
        try
        {
            await MigrateAsync(engine.Services, cancellationToken);
            var statements = await StatementCounter.CreateAsync(bench.ConnectionString, cancellationToken);
            var options = engine.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PipelineOptions>>().Value;
            var concurrency = configuration.GetValue("LocalEngine:MaxConcurrentActivities", 16);
            await output.WriteLineAsync(
                $"pipeline: chunks of {options.ChunkSize} ({options.MaxChunksInFlight} at once, {options.MaxProspectsInFlightPerChunk} prospects in flight in each), {concurrency} activities at once, provider latency {latencyMs} ms, median of {runs} after a warm-up; " +
                (string.IsNullOrEmpty(localDns) ? $"address checks ask the machine's resolver ({LocalDnsVariable} not set)" : $"address checks ask the local DNS server at {localDns}"));
            var figures = new List<Figures>();
            var run = 0;
            foreach (var prospects in prospectCounts.Prepend(Math.Min(200, prospectCounts.Min())).Select((n, i) => (n, warmUp: i == 0)))
            {
                // (b) and (c) each get prospects of their own domains in every run: the address checks cache a domain's
                // answer for the process, and a side that found the other's answers cached would skip its lookups.
                var csv = Path.Combine(Path.GetTempPath(), $"outreach-bench-{Guid.NewGuid():N}.csv");
                try
                {
                    var ceilings = new List<double>();
                    var pipelines = new List<double>();
                    var directs = new List<double>();
                    var counted = new List<double>();
                    var peaks = new List<int>();
                    for (var i = 0; i < (prospects.warmUp ? 1 : runs); i++)
                    {
                        run++;
                        await ClearAsync(engine.Services, cancellationToken);
                        ceilings.Add(await MeasureAsync(() => RunBaselineAsync(engine.Client, prospects.n, options, cancellationToken)));
                        await statements.ResetAsync(cancellationToken);
                        engine.Services.GetService<SlowProviders>()?.TakePeak();
                        await BenchCommand.WriteCsvAsync(csv, prospects.n, $"b{run}.test");
                        pipelines.Add(await MeasureAsync(() => RunPipelineAsync(engine, csv, $"bench-pipeline-{run}", cancellationToken)));
                        if (engine.Services.GetService<SlowProviders>()?.TakePeak() is { } peak)
                        {
                            peaks.Add(peak);
                        }

                        if (await statements.CountAsync(cancellationToken) is { } count)
                        {
                            counted.Add((double)count / prospects.n);
                        }

                        await BenchCommand.WriteCsvAsync(csv, prospects.n, $"c{run}.test");
                        directs.Add(await MeasureAsync(() => RunDirectAsync(engine.Services, csv, $"bench-direct-{run}", concurrency, cancellationToken)));
                    }

                    if (prospects.warmUp)
                    {
                        continue;
                    }

                    var f = new Figures(prospects.n, Median(ceilings), Median(pipelines), Median(directs), counted.Count > 0 ? Median(counted) : null);
                    figures.Add(f);
                    await output.WriteLineAsync($"  {f.Prospects,7:N0} prospects  (a) engine ceiling {f.Prospects / f.Ceiling,7:N1}/s ({f.Ceiling:F1} s)" +
                        $"  (b) pipeline {f.Prospects / f.Pipeline,7:N1}/s ({f.Pipeline:F1} s)  (c) Parallel.ForEachAsync {f.Prospects / f.Direct,7:N1}/s ({f.Direct:F1} s)" +
                        $"  SQL per prospect: {(f.StatementsPerProspect is { } s ? s.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "not counted")}" +
                        (peaks.Count > 0 ? $"  provider calls in flight at most: {peaks.Max()}" : string.Empty));
                }
                finally
                {
                    File.Delete(csv);
                }
            }

            if (!statements.Available)
            {
                await output.WriteLineAsync("  (statements not counted: PostgreSQL does not load pg_stat_statements; eng/start-services.sh starts it so)");
            }
            else
            {
                await output.WriteLineAsync("  most frequent statements of the last (b):");
                foreach (var (calls, query) in await statements.TopAsync(8, cancellationToken))
                {
                    await output.WriteLineAsync($"    {calls,8:N0}  {query}");
                }
            }

            return figures;
        }
        finally
        {
            var service = engine.Service;
            await engine.DisposeAsync();
            await service.DeleteAsync();
        }
    }

    /// <summary>Prints the ratios and whether they meet the targets; true when all measured ones do.</summary>
    private static async Task<bool> ReportAsync(List<Figures> figures, int latencyMs, IConfiguration configured, TextWriter output)
    {
        var met = true;
        foreach (var f in figures)
        {
            var engine = f.Direct / f.Pipeline;
            var line = $"  {f.Prospects:N0}: (b)/(c) {engine:F2}x (target >= {EngineTarget:F1}x) {Verdict(engine >= EngineTarget)}; (b)/(a) {f.Ceiling / f.Pipeline:F2}x; (a)/(c) {f.Direct / f.Ceiling:F2}x, the most a pipeline of this shape reaches on this engine";
            if (latencyMs == 0)
            {
                met &= engine >= EngineTarget;
            }
            else
            {
                // The most the settings allow: every activity slot busy on provider calls.
                var slots = configured.GetValue("LocalEngine:MaxConcurrentActivities", 16);
                var limit = slots / (ProviderCallsPerProspect * latencyMs / 1000.0);
                var share = f.Prospects / f.Pipeline / limit;
                line += $"; {f.Prospects / f.Pipeline:N1}/s of the {limit:N1}/s the concurrency limit allows: {share:F2} (target >= {LimitTarget:F1}) {Verdict(share >= LimitTarget)}";
                met &= share >= LimitTarget;
            }

            if (f.StatementsPerProspect is { } statements)
            {
                line += $"; {statements:F1} SQL statements per prospect (target <= {StatementTarget:F0}) {Verdict(statements <= StatementTarget)}";
                met &= latencyMs > 0 || statements <= StatementTarget;
            }

            await output.WriteLineAsync(line);
        }

        for (var i = 1; i < figures.Count; i++)
        {
            var (small, large) = (figures[i - 1], figures[i]);
            var growth = large.Pipeline / small.Pipeline;
            var allowed = LinearTarget * large.Prospects / (10.0 * small.Prospects);
            await output.WriteLineAsync($"  time({large.Prospects:N0}) / time({small.Prospects:N0}) = {growth:F1} for {(double)large.Prospects / small.Prospects:F0}x the prospects (target <= {allowed:F1}) {Verdict(growth <= allowed)}");
            met &= growth <= allowed;
        }

        return met;
    }

    private static string Verdict(bool met) => met ? "MET" : "MISSED";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Empties the app's tables between runs, so every run starts from the same database.</summary>
    private static async Task ClearAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            DO $$ BEGIN
              EXECUTE (SELECT 'TRUNCATE ' || string_agg(quote_ident(tablename), ', ') || ' CASCADE'
                       FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history');
            END $$
            """, cancellationToken);
    }

    private static async Task<double> MeasureAsync(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }

    private sealed record BaselineInput(int Count, int ChunkSize, int MaxChunksInFlight, bool PurgeChunkHistories, int MaxProspectsInFlightPerChunk);

    private sealed record BaselineChunk(int From, int To, int MaxInFlight);

    private static void RegisterBaseline(DurableTaskRegistry registry, TimeSpan latency)
    {
        registry.AddOrchestratorFunc<BaselineInput, int>("BenchBatchOrchestrator", async (context, input) =>
        {
            // The pipeline's shape, through the pipeline's own fan-out: chunks of ChunkSize, MaxChunksInFlight at once.
            var done = 0;
            await FanOut.RunAsync(
                Enumerable.Range(0, (input.Count + input.ChunkSize - 1) / input.ChunkSize).Select(i => i * input.ChunkSize),
                input.MaxChunksInFlight,
                from => RunBaselineChunkAsync(
                    context,
                    new BaselineChunk(from, Math.Min(from + input.ChunkSize, input.Count) - 1, input.MaxProspectsInFlightPerChunk),
                    ProcessBatchInput.ChunkInstanceId(context.InstanceId, restart: 0, from),
                    input.PurgeChunkHistories),
                count => done += count);
            return done;
        });
        registry.AddOrchestratorFunc<BaselineChunk, int>("BenchChunkOrchestrator", async (context, chunk) =>
        {
            // One activity per item, at most MaxInFlight scheduled at once.
            var done = 0;
            await FanOut.RunAsync(
                Enumerable.Range(chunk.From, chunk.To - chunk.From + 1), chunk.MaxInFlight, i => context.CallActivityAsync<int>("BenchNoOpActivity", i), _ => done++);
            return done;
        });
        // In the engine's activity slots, like the pipeline's activities.
        registry.AddActivity("BenchNoOpActivity", services => new NoOpActivity(services.GetRequiredService<ActivitySlots>(), latency));
    }

    // The pipeline's chunk shape: the chunk, then (as the pipeline does by default) the purge of its history.
    private static async Task<int> RunBaselineChunkAsync(TaskOrchestrationContext context, BaselineChunk chunk, string instanceId, bool purge)
    {
        var done = await context.CallSubOrchestratorAsync<int>("BenchChunkOrchestrator", chunk, new SubOrchestrationOptions(instanceId: instanceId));
        if (purge)
        {
            await context.CallActivityAsync<int>(nameof(PurgeChunkHistory), instanceId);
        }

        return done;
    }

    private static async Task RunBaselineAsync(DurableTaskClient client, int prospects, PipelineOptions options, CancellationToken cancellationToken)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(
            "BenchBatchOrchestrator", new BaselineInput(prospects, options.ChunkSizeFor(prospects), options.MaxChunksInFlight, options.PurgeChunkHistories, options.MaxProspectsInFlightPerChunk), cancellationToken);
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

    private static async Task RunDirectAsync(IServiceProvider services, string csv, string campaignName, int concurrency, CancellationToken cancellationToken)
    {
        var campaign = await CreateCampaignAsync(services, campaignName, cancellationToken);
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

    /// <summary>The ceiling's activity: nothing but the provider time of a prospect.</summary>
    private sealed class NoOpActivity(ActivitySlots slots, TimeSpan latency) : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => slots.RunAsync(async () =>
        {
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency);
            }

            return input;
        });
    }

    /// <summary>Stub providers that take a fixed time per call, like a fast remote API.</summary>
    private sealed class SlowProviders(TimeSpan latency, TimeProvider clock) : IProspectEnricher, IEmailGenerator
    {
        private int _calls;
        private int _peak;

        /// <summary>The most provider calls seen in flight at once since the last read (the concurrency actually reached).</summary>
        public int TakePeak() => Interlocked.Exchange(ref _peak, 0);

        public async Task<EnrichmentOutcome> EnrichAsync(ProspectFacts prospect, CampaignBrief campaign, CancellationToken cancellationToken)
        {
            await WaitAsync(cancellationToken);
            return await new NotConfiguredEnricher(clock).EnrichAsync(prospect, campaign, cancellationToken);
        }

        public async Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken)
        {
            await WaitAsync(cancellationToken);
            return await new TemplateEmailGenerator().GenerateAsync(prospect, enrichment, analysis, campaign, cancellationToken);
        }

        private async Task WaitAsync(CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _calls);
            for (var peak = Volatile.Read(ref _peak); now > peak && Interlocked.CompareExchange(ref _peak, now, peak) != peak; peak = Volatile.Read(ref _peak))
            {
            }

            try
            {
                await Task.Delay(latency, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _calls);
            }
        }
    }
}
