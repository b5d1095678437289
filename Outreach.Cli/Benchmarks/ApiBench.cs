using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions;
using Outreach.Functions.Application;
using Outreach.Functions.Triggers.Http;

namespace Outreach.Cli.Benchmarks;

/// <summary>
/// <c>outreach bench api [--prospects N] [--requests N]</c>: the <c>GET /api/batches/{id}</c> handler (its queries and
/// its JSON answer) on a batch of N prospects vs a <c>SELECT 1</c> round trip on the same data source, p50 and p99,
/// alternating the two so both see the same machine. Target: handler p99 ≤ 5× the round trip's p99.
/// </summary>
internal static class ApiBench
{
    private const double Target = 5;

    public static async Task<int> RunAsync(int prospects, int requests, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await BenchDatabase.ConfiguredAsync(error) is not { } configured)
        {
            return 2;
        }

        await using var bench = await ThrowawayDatabase.CreateAsync(configured, "outreach_bench_api", cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = bench.ConnectionString,
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOutreachFunctions();
        await using var provider = services.BuildServiceProvider();
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        await BenchCommand.MigrateAsync(dataSource, cancellationToken);
        var batchId = await SeedAsync(dataSource, prospects, cancellationToken);
        await output.WriteLineAsync($"api: GET /api/batches/{{id}} on a batch of {prospects:N0} prospects vs SELECT 1, {requests:N0} requests each, alternating");

        var queries = provider.GetRequiredService<BatchQueries>();
        var handler = new List<double>(requests);
        var baseline = new List<double>(requests);
        for (var i = -200; i < requests; i++)
        {
            var roundTrip = await TimeAsync(async () =>
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
            });
            var answer = await TimeAsync(async () =>
            {
                var view = await queries.GetAsync(batchId, runtimeStatus: null, cancellationToken) ?? throw new InvalidOperationException("The batch is gone.");
                var context = new DefaultHttpContext { RequestServices = provider };
                context.Response.Body = Stream.Null;
                await ApiHttp.Ok(view).ExecuteAsync(context);
            });
            if (i >= 0)
            {
                baseline.Add(roundTrip);
                handler.Add(answer);
            }
        }

        var (h50, h99) = (Percentile(handler, 0.50), Percentile(handler, 0.99));
        var (b50, b99) = (Percentile(baseline, 0.50), Percentile(baseline, 0.99));
        var ratio = h99 / b99;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  handler   p50 {h50:F3} ms  p99 {h99:F3} ms"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  SELECT 1  p50 {b50:F3} ms  p99 {b99:F3} ms"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  p99 ratio {ratio:F2}x (target <= {Target}x); p50 ratio {h50 / b50:F2}x"));
        await output.WriteLineAsync(ratio <= Target ? "  PASS" : "  FAIL");
        return ratio <= Target ? 0 : 1;
    }

    private static async Task<Guid> SeedAsync(NpgsqlDataSource dataSource, int prospects, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var service = new Service("bench", "Benchmark service", "Benchmark value", [], now);
        var campaign = new Campaign("bench-api", "Hi", "Benchmark.", service.Id, [], [], DedupeScope.Campaign, now);
        var batch = new Batch(campaign.Id, null, "bench.csv", prospects, now);
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<OutreachDbContext>();
        options.UseOutreachDatabase(dataSource);
        await using (var db = new OutreachDbContext(options.Options))
        {
            db.AddRange(service, campaign, batch, new ProcessingJob(campaign.Id, batch.Id, JobType.FullPipeline, prospects, now));
            db.Add(new WorkflowSession(campaign.Id, batch.Id, "bench", new Dictionary<string, string>(), now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await using var batchCommands = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO prospects (id, campaign_id, batch_id, ordinal, email, email_normalized, status, additional_data, created_at, updated_at)
            SELECT gen_random_uuid(), $1, $2, i, 'p' || i || '@x.example', 'p' || i || '@x.example',
                   CASE WHEN i % 3 = 0 THEN $4 ELSE $5 END, '{}'::jsonb, now(), now()
            FROM generate_series(0, $3 - 1) i
            """);
        insert.Parameters.Add(new() { Value = campaign.Id });
        insert.Parameters.Add(new() { Value = batch.Id });
        insert.Parameters.Add(new() { Value = prospects });
        insert.Parameters.Add(new() { Value = ProspectStatus.Completed });
        insert.Parameters.Add(new() { Value = ProspectStatus.Pending });
        var counters = new NpgsqlBatchCommand("UPDATE batches SET generated_emails = (SELECT count(*) FROM prospects WHERE status = $2) WHERE id = $1");
        counters.Parameters.Add(new() { Value = batch.Id });
        counters.Parameters.Add(new() { Value = ProspectStatus.Completed });
        batchCommands.BatchCommands.Add(insert);
        batchCommands.BatchCommands.Add(counters);
        batchCommands.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE"));
        await batchCommands.ExecuteNonQueryAsync(cancellationToken);
        return batch.Id;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
