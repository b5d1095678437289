using Outreach.Functions.Pipeline;

namespace Outreach.Tests.Pipeline;

public sealed class PipelineOptionsTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(21, 100)]
    [InlineData(100_000, 100)]
    [InlineData(100_001, 101)]
    [InlineData(1_000_000, 1_000)]
    public void ChunkSizeFor_WhenTheBatchWouldNeedMoreThanTheMostChunks_GrowsTheChunks(int prospects, int expected)
    {
        var options = new PipelineOptions { ChunkSize = 100 };

        var size = options.ChunkSizeFor(prospects);

        Assert.Equal(expected, size);
        Assert.True((prospects + size - 1) / size <= PipelineOptions.MaxChunksPerBatch);
    }

    [Fact]
    public void ChunkSizeFor_WhenTheConfiguredSizeIsLarger_KeepsIt()
    {
        Assert.Equal(500, new PipelineOptions { ChunkSize = 500 }.ChunkSizeFor(200_000));
    }
}
