using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Ingestion;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Import;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Import;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Proves the import streams by what streaming bounds: the live set (objects still reachable after a full,
/// blocking collection) may grow with the rows read only by the in-file duplicate check, never by the rows
/// themselves. Unlike a sampled peak, a live set after a forced collection does not depend on when the GC
/// happens to run. The headline peak-memory figure is reported by <c>eng/bench.sh ingest</c>, not asserted.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class LargeUploadTests(PostgresServer server)
{
    private const int Rows = 100_000;

    // The in-file duplicate check keeps each normalized address (~31 chars ≈ 88 bytes as a string) and a
    // dictionary entry (24 bytes, up to twice over while the table grows): 115–160 bytes a row. Holding the
    // rows instead would keep at least their text as UTF-16 (~320 bytes a row for this file) on top of that.
    private const double LiveBytesPerRowBound = 250;

    [Fact]
    public async Task Ingest_WhenFileHasHundredThousandRows_LiveMemoryGrowsOnlyByTheDuplicateCheck()
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
            await Outreach.Cli.Benchmarks.BenchCommand.WriteCsvAsync(path, Rows);
            await using (var file = File.OpenRead(path))
            {
                await container.DropAsync(campaignName, "large.csv", file);
            }

            // The blob read exactly as the trigger's processor reads it, seen through checkpoints.
            var blob = container.Client.GetBlobClient($"{campaignName}/large.csv");
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: ct);
            var source = new UploadSource(blob.BlobContainerName, blob.Name, properties.ETag.ToString(), properties.ContentLength, campaignName);
            var checkpoints = new LiveSetCheckpoints(properties.ContentLength, 0.2, 0.5, 0.8);
            var result = await services.GetRequiredService<UploadIngestor>().IngestAsync(
                source,
                async token => checkpoints.Watch(await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), token)),
                ct);

            Assert.Equal((UploadStatus.Imported, Rows, 0), (result.Status, result.RowsAccepted, result.RowsRejected));
            Assert.Equal((long)Rows, await database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
            Assert.Equal(Rows - 1, await database.ScalarAsync<int>("SELECT max(ordinal) FROM prospects"));

            var readings = checkpoints.Readings;
            var report = string.Join("; ", readings.Select(r => $"{r.Fraction:P0} read: {r.LiveBytes / 1024.0 / 1024.0:F1} MiB live"));
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            Assert.True(readings.Count == 4, $"Expected 4 checkpoints (20 %, 50 %, 80 %, end of file); got {readings.Count}: {report}");
            var rowsBetween = (readings[^1].Fraction - readings[0].Fraction) * Rows;
            var perRow = (readings[^1].LiveBytes - readings[0].LiveBytes) / rowsBetween;
            Assert.True(
                perRow < LiveBytesPerRowBound,
                $"The live set grew by {perRow:F0} bytes a row between {readings[0].Fraction:P0} and the end of the file; streaming keeps it under {LiveBytesPerRowBound} ({report}).");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Wraps the upload stream and, as reading passes each fraction of the file (and at its end), records the live
    /// set after a forced full collection — from the reading thread, so nothing the import holds can be missed.
    /// </summary>
    private sealed class LiveSetCheckpoints(long length, params double[] fractions)
    {
        private readonly List<(double Fraction, long LiveBytes)> _readings = [];
        private int _next;

        public IReadOnlyList<(double Fraction, long LiveBytes)> Readings => _readings;

        public Stream Watch(Stream inner) => new CheckpointStream(inner, this);

        private void Observe(long position, bool atEnd)
        {
            while (_next < fractions.Length && position >= fractions[_next] * length)
            {
                _readings.Add((position / (double)length, GC.GetTotalMemory(forceFullCollection: true)));
                _next++;
            }

            if (atEnd && _next == fractions.Length)
            {
                _readings.Add((1.0, GC.GetTotalMemory(forceFullCollection: true)));
                _next++;
            }
        }

        private sealed class CheckpointStream(Stream inner, LiveSetCheckpoints owner) : ReadOnlyStream
        {
            private long _position;

            public override int Read(Span<byte> buffer) => Advance(inner.Read(buffer));

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                Advance(await inner.ReadAsync(buffer, cancellationToken));

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }

            private int Advance(int read)
            {
                _position += read;
                owner.Observe(_position, atEnd: read == 0);
                return read;
            }
        }
    }
}
