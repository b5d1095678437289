namespace Outreach.Functions.Orchestrators;

/// <summary>
/// The orchestrators' one way to fan out with a bound: start items in order, at most a limit outstanding, and start the
/// next as one finishes. Deterministic in an orchestration — it only awaits the durable tasks it is given, and
/// <see cref="Task.WhenAny(IEnumerable{Task})"/> over durable tasks replays in the order they completed.
/// </summary>
public static class FanOut
{
    /// <summary>
    /// Starts every item through <paramref name="start"/> with at most <paramref name="limit"/> outstanding (no bound when
    /// it is 0 or less) and passes each result to <paramref name="completed"/>: as items finish while others wait to start,
    /// then the last ones together once all have finished. A failed item's exception surfaces when it is awaited; the
    /// last ones are awaited together, so none of them is abandoned.
    /// </summary>
    public static async Task RunAsync<TItem, TResult>(IEnumerable<TItem> items, int limit, Func<TItem, Task<TResult>> start, Action<TResult> completed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(completed);
        var running = new List<Task<TResult>>();
        foreach (var item in items)
        {
            if (limit > 0 && running.Count >= limit)
            {
                var done = await Task.WhenAny(running);
                running.Remove(done);
                completed(await done);
            }

            running.Add(start(item));
        }

        foreach (var result in await Task.WhenAll(running))
        {
            completed(result);
        }
    }
}
