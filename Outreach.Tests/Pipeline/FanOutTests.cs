using Outreach.Functions.Orchestrators;

namespace Outreach.Tests.Pipeline;

/// <summary>The orchestrators' bounded fan-out, over plain tasks the test finishes one by one.</summary>
public sealed class FanOutTests
{
    [Fact]
    public async Task RunAsync_WhenItemsFinishOutOfOrder_StartsThemInOrderWithAtMostTheLimitOutstanding()
    {
        var items = new Pending();
        var results = new List<int>();

        var run = FanOut.RunAsync(Enumerable.Range(0, 6), 2, items.Start, results.Add);
        var peak = 0;
        while (items.Outstanding.Count > 0)
        {
            peak = Math.Max(peak, items.Outstanding.Count);
            items.Finish(items.Outstanding[^1]); // the newest first
        }

        await run;
        Assert.Equal(2, peak);
        Assert.Equal([0, 1, 2, 3, 4, 5], items.Started);
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Order());
    }

    [Fact]
    public async Task RunAsync_WhenTheLimitIsZero_StartsEveryItemAtOnce()
    {
        var items = new Pending();

        var run = FanOut.RunAsync(Enumerable.Range(0, 5), 0, items.Start, _ => { });

        Assert.Equal(5, items.Outstanding.Count);
        items.Outstanding.ToList().ForEach(items.Finish);
        await run;
    }

    [Fact]
    public async Task RunAsync_WhenOneOfTheLastItemsFails_WaitsForTheOthersBeforeThrowing()
    {
        var items = new Pending();
        var results = new List<int>();

        var run = FanOut.RunAsync(Enumerable.Range(0, 3), 3, items.Start, results.Add);
        items.Fail(0, new InvalidOperationException("item 0"));

        Assert.False(run.IsCompleted);
        items.Finish(1);
        items.Finish(2);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal("item 0", thrown.Message);
    }

    /// <summary>Items whose tasks stay pending until the test finishes them.</summary>
    private sealed class Pending
    {
        private readonly Dictionary<int, TaskCompletionSource<int>> _tasks = [];

        public List<int> Started { get; } = [];

        public List<int> Outstanding => _tasks.Where(t => !t.Value.Task.IsCompleted).Select(t => t.Key).Order().ToList();

        public Task<int> Start(int item)
        {
            Started.Add(item);
            _tasks[item] = new TaskCompletionSource<int>();
            return _tasks[item].Task;
        }

        public void Finish(int item) => _tasks[item].SetResult(item);

        public void Fail(int item, Exception error) => _tasks[item].SetException(error);
    }
}
