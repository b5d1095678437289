using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Data.Ingestion;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Import;

namespace Outreach.Cli.Benchmarks;

/// <summary>
/// <c>outreach bench ingest [--rows N] [--runs N]</c>: the importer against a baseline measured in the same run,
/// on a throw-away database next to the configured one. Speed targets live here, as ratios, never in tests.
/// </summary>
internal static class BenchCommand
{
    private const double IngestTarget = 0.5;

    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Rows in the generated CSV.", DefaultValueFactory = _ => 100_000 };
        var runs = new Option<int>("--runs") { Description = "Measurements of each side; the median is reported.", DefaultValueFactory = _ => 3 };
        var psql = new Option<string?>("--psql") { Description = "Path of psql (default: psql on PATH or under /usr/lib/postgresql)." };
        var ingest = new Command("ingest", "CSV import (parse + validate + COPY) vs psql \\copy of the same rows.") { rows, runs, psql };
        ingest.SetAction((parse, ct) => IngestAsync(parse.GetValue(rows), parse.GetValue(runs), parse.GetValue(psql), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        var prospects = new Option<int[]>("--prospects")
        {
            Description = "Prospects in the batch; several sizes (--prospects 1000 10000) also report how time grows.",
            DefaultValueFactory = _ => [1_000, 10_000],
            AllowMultipleArgumentsPerToken = true,
        };
        var chunkSizes = new Option<int[]>("--chunk-sizes")
        {
            Description = "Pipeline__ChunkSize values to measure, each on a fresh engine (default: the configured one).",
            AllowMultipleArgumentsPerToken = true,
        };
        var latency = new Option<int>("--latency-ms") { Description = "Delay of every provider call (two per prospect).", DefaultValueFactory = _ => 0 };
        var pipelineRuns = new Option<int>("--runs") { Description = "Measurements of each size after the warm-up; the median is reported.", DefaultValueFactory = _ => 3 };
        var pipeline = new Command("pipeline", "The pipeline vs the engine's ceiling and vs plain Parallel.ForEachAsync, same run.") { prospects, chunkSizes, latency, pipelineRuns };
        pipeline.SetAction((parse, ct) => PipelineBench.RunAsync(
            parse.GetValue(prospects)!,
            parse.GetValue(chunkSizes) ?? [],
            parse.GetValue(latency),
            parse.GetValue(pipelineRuns),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        var rate = new Option<double>("--rate") { Description = "Requests per second the fake provider admits (and the client is configured for).", DefaultValueFactory = _ => 20 };
        var seconds = new Option<int>("--seconds") { Description = "How long to drive it.", DefaultValueFactory = _ => 10 };
        var callers = new Option<int>("--callers") { Description = "Concurrent callers.", DefaultValueFactory = _ => 32 };
        var providers = new Command("providers", "A provider client under load vs a provider enforcing its rate limit (429 above it).") { rate, seconds, callers };
        providers.SetAction((parse, ct) => ProviderBench.RunAsync(parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(callers), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        var apiProspects = new Option<int>("--prospects") { Description = "Prospects in the batch.", DefaultValueFactory = _ => 100_000 };
        var requests = new Option<int>("--requests") { Description = "Requests of each side.", DefaultValueFactory = _ => 2_000 };
        var api = new Command("api", "GET /api/batches/{id} handler latency vs a SELECT 1 round trip, same run.") { apiProspects, requests };
        api.SetAction((parse, ct) => ApiBench.RunAsync(parse.GetValue(apiProspects), parse.GetValue(requests), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return new Command("bench", "Benchmarks, as ratios against a baseline measured in the same run.") { ingest, pipeline, providers, api };
    }

    private static async Task<int> IngestAsync(int rows, int runs, string? psqlPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await BenchDatabase.ConfiguredAsync(error) is not { } configured)
        {
            return 2;
        }

        psqlPath ??= FindPsql();
        if (psqlPath is null)
        {
            await error.WriteLineAsync("psql not found; install postgresql-client or pass --psql.");
            return 2;
        }

        await using var bench = await ThrowawayDatabase.CreateAsync(configured, "outreach_bench", cancellationToken);
        await using var dataSource = OutreachDatabase.CreateDataSource(bench.ConnectionString);
        await MigrateAsync(dataSource, cancellationToken);

        var workDir = Directory.CreateTempSubdirectory("outreach-bench-");
        try
        {
            var csvPath = Path.Combine(workDir.FullName, "prospects.csv");
            var copyPath = Path.Combine(workDir.FullName, "copy.csv");
            await WriteCsvAsync(csvPath, rows);
            await output.WriteLineAsync($"ingest: {rows:N0} rows, {new FileInfo(csvPath).Length / 1024.0 / 1024.0:F1} MiB CSV; {runs} runs each, median reported");

            var importer = new List<double>();
            var baseline = new List<double>();
            var peaks = new List<long>();

            // Run -1 warms up both sides (JIT, caches) and is not reported.
            for (var run = -1; run < runs; run++)
            {
                await ResetAsync(dataSource, cancellationToken);
                var (campaignId, batchId) = await SeedAsync(dataSource, run, cancellationToken);
                await WriteCopyFileAsync(copyPath, rows, campaignId, batchId);
                var copySeconds = await TimePsqlCopyAsync(psqlPath, bench.Builder, copyPath, cancellationToken);
                var (importSeconds, peakBytes) = await TimeImporterAsync(dataSource, csvPath, run, cancellationToken);
                if (run < 0)
                {
                    continue;
                }

                baseline.Add(copySeconds);
                importer.Add(importSeconds);
                peaks.Add(peakBytes);
                await output.WriteLineAsync($"  run {run + 1}: importer {rows / importer[^1]:N0} rows/s, psql \\copy {rows / baseline[^1]:N0} rows/s, peak managed heap +{peakBytes / 1048576.0:F0} MiB");
            }

            var importerRate = rows / Median(importer);
            var baselineRate = rows / Median(baseline);
            var ratio = importerRate / baselineRate;
            await output.WriteLineAsync($"importer (parse + validate + COPY): {importerRate:N0} rows/s, peak managed heap above the start +{peaks.Max() / 1048576.0:F0} MiB (largest of the runs; sampled every 5 ms)");
            await output.WriteLineAsync($"baseline (psql \\copy, same rows):  {baselineRate:N0} rows/s");
            await output.WriteLineAsync($"ratio: {ratio:F2}x (target >= {IngestTarget:F1}x) {(ratio >= IngestTarget ? "MET" : "MISSED")}");
            return ratio >= IngestTarget ? 0 : 1;
        }
        finally
        {
            workDir.Delete(recursive: true);
        }
    }

    private static async Task<(double Seconds, long PeakBytes)> TimeImporterAsync(NpgsqlDataSource dataSource, string csvPath, int run, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(dataSource);
        services.AddDbContextFactory<OutreachDbContext>(o => o.UseOutreachDatabase(dataSource));
        await using var provider = services.BuildServiceProvider();
        var ingestor = new UploadIngestor(
            provider.GetRequiredService<IDbContextFactory<OutreachDbContext>>(),
            Options.Create(new ImportOptions { MaxRows = int.MaxValue / 2, MaxFileBytes = long.MaxValue }),
            TimeProvider.System,
            NullLogger<UploadIngestor>.Instance);
        var source = new UploadSource("bench", $"bench-{run + 1}/prospects.csv", $"etag-{run + 1}", new FileInfo(csvPath).Length, $"bench-importer-{run + 1}");

        using var memory = new PeakMemorySampler();
        var watch = Stopwatch.StartNew();
        var result = await ingestor.IngestAsync(source, _ => Task.FromResult<Stream>(File.OpenRead(csvPath)), cancellationToken);
        watch.Stop();
        var peak = await memory.StopAsync();
        if (result.Status != UploadStatus.Imported)
        {
            throw new InvalidOperationException($"The benchmark import failed: {result.ErrorMessage}");
        }

        return (watch.Elapsed.TotalSeconds, peak);
    }

    private static async Task<double> TimePsqlCopyAsync(string psql, NpgsqlConnectionStringBuilder target, string copyPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(psql)
        {
            ArgumentList =
            {
                "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database!,
                "-c", $"\\copy bench_prospects ({CopyColumns}) FROM '{copyPath}' WITH (FORMAT csv)",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGPASSWORD"] = target.Password ?? string.Empty;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start.");
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watch.Stop();
        return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException($"psql \\copy failed: {stderr}");
    }

    private const string CopyColumns = "id, campaign_id, batch_id, ordinal, name, email, email_normalized, company, title, linkedin_url, website, status, additional_data";

    private static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        // The baseline table mirrors prospects: same columns, types, defaults, indexes and foreign keys.
        await using var command = dataSource.CreateCommand("""
            TRUNCATE prospects, workflow_sessions, batches, csv_uploads, campaigns, services CASCADE;
            DROP TABLE IF EXISTS bench_prospects;
            CREATE TABLE bench_prospects (LIKE prospects INCLUDING ALL);
            ALTER TABLE bench_prospects
                ADD FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
                ADD FOREIGN KEY (batch_id) REFERENCES batches (id) ON DELETE CASCADE;
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);

        // VACUUM cannot share a command with other statements.
        await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE");
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(Guid CampaignId, Guid BatchId)> SeedAsync(NpgsqlDataSource dataSource, int run, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<OutreachDbContext>();
        options.UseOutreachDatabase(dataSource);
        await using var db = new OutreachDbContext(options.Options);
        var now = DateTimeOffset.UtcNow;
        var service = new Service($"bench-{run + 1}", "Benchmark service", "Benchmark value", [], now);
        var importerCampaign = new Campaign($"bench-importer-{run + 1}", "Hi", "Benchmark.", service.Id, [], [], DedupeScope.Campaign, now);
        var baselineCampaign = new Campaign($"bench-baseline-{run + 1}", "Hi", "Benchmark.", service.Id, [], [], DedupeScope.Campaign, now);
        var batch = new Batch(baselineCampaign.Id, null, "baseline", 0, now);
        db.AddRange(service, importerCampaign, baselineCampaign, batch);
        await db.SaveChangesAsync(cancellationToken);
        return (baselineCampaign.Id, batch.Id);
    }

    /// <summary>
    /// A CSV of <paramref name="rows"/> prospects at 5,000 companies, whose mail and web domains are
    /// <c>company{n}.{domain}</c>: a run that must not find another run's answers in the address checks' DNS cache
    /// gives each its own <paramref name="domain"/>.
    /// </summary>
    internal static async Task WriteCsvAsync(string path, int rows, string domain = "example")
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("First Name,Last Name,Email,Company,Title,Website,Person Linkedin Url,Industry");
        for (var i = 0; i < rows; i++)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"First{i},Last{i},person{i}@company{i % 5000}.{domain},Company {i % 5000},Head of Engineering,https://company{i % 5000}.{domain},https://www.linkedin.com/in/person-{i},Software"));
        }
    }

    /// <summary>The same rows, already in the prospects layout, so the baseline does nothing but COPY.</summary>
    private static async Task WriteCopyFileAsync(string path, int rows, Guid campaignId, Guid batchId)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < rows; i++)
        {
            var email = $"person{i}@company{i % 5000}.example";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Guid.CreateVersion7()},{campaignId},{batchId},{i},First{i} Last{i},{email},{email},Company {i % 5000},Head of Engineering,https://company{i % 5000}.example,https://www.linkedin.com/in/person-{i},PENDING,\"{{\"\"Industry\"\": \"\"Software\"\"}}\""));
        }
    }

    internal static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<OutreachDbContext>();
        options.UseOutreachDatabase(dataSource);
        await using var db = new OutreachDbContext(options.Options);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? FindPsql()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(d => Path.Combine(d, "psql")).FirstOrDefault(File.Exists);
        return onPath ?? Directory.EnumerateDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin", "psql")).LastOrDefault(File.Exists);
    }
}
