using System.Text.Json;
using Microsoft.DurableTask.Client;
using Outreach.Domain.Entities;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

/// <summary>What Durable promises: bounded histories and surviving a stopped host.</summary>
public sealed class DurabilityTests(PostgresServer server)
{
    [Fact]
    public async Task Run_WhenTheHostStopsMidBatch_ANewHostFinishesItWithExactCountersAndNoDuplicates()
    {
        await using var f = await PipelineFixture.StartAsync(server, new Dictionary<string, string?>
        {
            ["LocalEngine:MaxConcurrentActivities"] = "2",
            ["LocalEngine:VisibilityTimeoutSeconds"] = "5",
        });
        f.Providers.EnrichDelay = TimeSpan.FromMilliseconds(100);
        const int Prospects = 24;
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, Prospects).Select(i => $"r{i}@example.com").ToArray());
        await PipelineFixture.WaitUntilAsync("three emails generated", async () => await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches") >= 3);

        await f.RestartEngineAsync();
        var midway = await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches");
        var attach = await f.RedeliverAsync(f.LastBlobName);
        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.True(midway < Prospects, "The batch finished before the host was stopped.");
        Assert.True(attach.AlreadyIngested);
        Assert.Equal(batchId, attach.BatchId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var counters = Assert.Single(await f.Database.RowsAsync("SELECT status::text, enriched_prospects, generated_emails, failed_prospects FROM batches"));
        Assert.Equal(("COMPLETED", Prospects, Prospects, 0), ((string)counters[0]!, (int)counters[1]!, (int)counters[2]!, (int)counters[3]!));
        Assert.Equal((long)Prospects, await f.Database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
        Assert.Equal((long)Prospects, await f.Database.ScalarAsync<long>("SELECT count(*) FROM prospect_enrichments"));
        Assert.Equal(1L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM processing_jobs"));
        Assert.Equal((Prospects, Prospects), (await f.Database.ScalarAsync<int>("SELECT progress_current FROM processing_jobs"), await f.Database.ScalarAsync<int>("SELECT progress_total FROM processing_jobs")));
    }

    // Four chunks prove the shape (the parent names no prospect, each chunk only its own); the engine's speed at
    // thousands of prospects is measured by `eng/bench.sh pipeline`, not by a test with a deadline.
    [Fact]
    public async Task Run_WithFourChunks_KeepsEachChunksProspectsInItsOwnHistory()
    {
        const int ChunkSize = 25;
        const int Chunks = 4;
        // Kept, so they can be read: by default a finished chunk's history is purged (the next test).
        await using var f = await PipelineFixture.StartAsync(
            server, new Dictionary<string, string?> { ["Pipeline:ChunkSize"] = $"{ChunkSize}", ["Pipeline:PurgeChunkHistories"] = "false" });
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, ChunkSize * Chunks).Select(i => $"h{i}@example.com").ToArray());

        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var parent = await ProspectsInHistoryAsync(f, run.InstanceId);
        Assert.Empty(parent);
        var chunkIds = Enumerable.Range(0, Chunks).Select(i => $"{run.InstanceId}-chunk-{i * ChunkSize}").ToList();
        var perChunk = new List<HashSet<string>>();
        foreach (var chunk in chunkIds)
        {
            perChunk.Add(await ProspectsInHistoryAsync(f, chunk));
        }

        Assert.All(perChunk, ids => Assert.Equal(ChunkSize, ids.Count));
        Assert.Equal(ChunkSize * Chunks, perChunk.SelectMany(ids => ids).Distinct().Count());
        TestContext.Current.TestOutputHelper?.WriteLine($"history: parent 0 prospects; chunks {string.Join(", ", perChunk.Select(p => p.Count))}");
    }

    [Fact]
    public async Task Run_WhenItsChunksFinish_PurgesTheirHistoriesAndKeepsTheBatchs()
    {
        const int ChunkSize = 10;
        await using var f = await PipelineFixture.StartAsync(server, new Dictionary<string, string?> { ["Pipeline:ChunkSize"] = $"{ChunkSize}" });
        var batchId = await f.StartBatchAsync(Enumerable.Range(0, ChunkSize * 3).Select(i => $"p{i}@example.com").ToArray());

        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(ChunkSize * 3, await f.Database.ScalarAsync<int>("SELECT generated_emails FROM batches"));
        foreach (var chunk in Enumerable.Range(0, 3).Select(i => $"{run.InstanceId}-chunk-{i * ChunkSize}"))
        {
            Assert.Null(await f.Engine.Client.GetInstanceAsync(chunk, getInputsAndOutputs: false, TestContext.Current.CancellationToken));
            Assert.Equal("[]", await f.Engine.Service.GetOrchestrationHistoryAsync(chunk, executionId: null));
        }

        Assert.NotNull(await f.Engine.Client.GetInstanceAsync(run.InstanceId, getInputsAndOutputs: false, TestContext.Current.CancellationToken));
    }

    /// <summary>The prospect ids named in the inputs of an orchestration's history events.</summary>
    private static async Task<HashSet<string>> ProspectsInHistoryAsync(PipelineFixture f, string instanceId)
    {
        var history = await f.Engine.Service.GetOrchestrationHistoryAsync(instanceId, executionId: null);
        using var json = JsonDocument.Parse(history);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in json.RootElement.EnumerateArray())
        {
            if (e.TryGetProperty("Input", out var input) && input.ValueKind == JsonValueKind.String && input.GetString() is { } text && text.Contains("ProspectId", StringComparison.Ordinal))
            {
                // Inputs are stored as the argument, or as an array of arguments.
                using var inner = JsonDocument.Parse(text);
                var argument = inner.RootElement.ValueKind == JsonValueKind.Array ? inner.RootElement[0] : inner.RootElement;
                if (argument.ValueKind == JsonValueKind.String)
                {
                    using var nested = JsonDocument.Parse(argument.GetString()!);
                    ids.Add(nested.RootElement.GetProperty("ProspectId").GetString()!);
                }
                else
                {
                    ids.Add(argument.GetProperty("ProspectId").GetString()!);
                }
            }
        }

        return ids;
    }
}
