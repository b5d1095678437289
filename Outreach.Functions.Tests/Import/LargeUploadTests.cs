using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Tests.Builders;
using Outreach.Functions.Tests.Infrastructure;

namespace Outreach.Functions.Tests.Import;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>Runs alone (no parallel tests allocating beside it) so the heap it samples is its own.</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class LargeUploadTests(PostgresServer server)
{
    private const int Rows = 100_000;

    // Whole-file loading would hold the text (~14 MB as UTF-16 ≈ 28 MB), every row's strings and objects
    // (>100 MB): streaming needs buffers plus the in-file duplicate set (~10 MB). The bound sits between.
    private const long PeakBoundBytes = 80L * 1024 * 1024;

    [Fact]
    public async Task Process_WhenFileHasHundredThousandRows_StreamsItWithBoundedMemory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var container = await UploadContainer.CreateAsync();
        await using var services = AppServices.Build(database);
        var campaignName = "Large import";
        await using (var db = database.CreateContext())
        {
            var service = new ServiceBuilder().Build();
            db.AddRange(service, new Campaign(campaignName, "Hi", "Be brief.", service.Id, [], [], DedupeScope.Campaign, TestClock.T0));
            await db.SaveChangesAsync(ct);
        }

        var path = Path.GetTempFileName();
        try
        {
            // The benchmark's generator: the test and `outreach bench ingest` read the same kind of file.
            await Outreach.Cli.Commands.BenchCommand.WriteCsvAsync(path, Rows);
            await using (var file = File.OpenRead(path))
            {
                await container.DropAsync(campaignName, "large.csv", file);
            }

            var blob = container.Client.GetBlobClient($"{campaignName}/large.csv");
            var processor = services.GetRequiredService<BlobUploadProcessor>();

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            using var sampler = new PeakMemorySampler();
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await processor.ProcessAsync(blob, campaignName, AppServices.DurableClient().Object, ct);
            var elapsed = started.Elapsed;
            var peak = sampler.Stop() - baseline;

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Rows:N0} rows ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB) ingested in {elapsed.TotalSeconds:F1} s; " +
                $"peak managed memory above baseline: {peak / 1024.0 / 1024.0:F1} MiB (bound {PeakBoundBytes / 1024 / 1024} MiB)");
            Assert.Equal((UploadStatus.Imported, Rows, 0), (result.Status, result.RowsAccepted, result.RowsRejected));
            Assert.Equal((long)Rows, await database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
            Assert.Equal(Rows - 1, await database.ScalarAsync<int>("SELECT max(ordinal) FROM prospects"));
            Assert.True(peak < PeakBoundBytes, $"Peak managed memory grew by {peak:N0} bytes; the bound is {PeakBoundBytes:N0}.");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Samples the managed heap every few milliseconds and keeps the largest value.</summary>
    private sealed class PeakMemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public PeakMemorySampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });

        public long Stop()
        {
            _stop.Cancel();
            _loop.Wait();
            return Math.Max(_peak, GC.GetTotalMemory(false));
        }

        public void Dispose() => _stop.Dispose();
    }
}
