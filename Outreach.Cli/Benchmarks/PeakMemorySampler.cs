namespace Outreach.Cli.Benchmarks;

/// <summary>
/// Samples the managed heap every few milliseconds while a benchmark runs and keeps the largest value. A peak
/// depends on when the GC runs, so it is a figure to report, never a bound to assert in a test.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _baseline;
    private long _peak;

    /// <summary>Collects fully, takes that as the baseline, and starts sampling.</summary>
    public PeakMemorySampler()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                await Task.Delay(5).ConfigureAwait(false);
            }
        });
    }

    /// <summary>Stops sampling; returns the largest managed heap seen above the baseline, in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return Math.Max(_peak, GC.GetTotalMemory(false)) - _baseline;
    }

    public void Dispose() => _stop.Dispose();
}
