namespace Outreach.Cli.Hosting;

/// <summary>
/// The local engine's activity concurrency (<c>LocalEngine__MaxConcurrentActivities</c>), enforced where activities
/// run. The backend locks more work items than this so that storage round trips overlap with runs, and the worker's
/// own concurrency setting does not bound runs (measured: 32 provider calls in flight with 16 configured), so the
/// limit host.json's maxConcurrentActivityFunctions sets in Azure is kept here.
/// </summary>
public sealed class ActivitySlots(int count) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(count, count);

    /// <summary>How many activities may run at once.</summary>
    public int Count { get; } = count;

    /// <summary>Runs <paramref name="run"/> when a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _slots.WaitAsync();
        try
        {
            return await run();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
