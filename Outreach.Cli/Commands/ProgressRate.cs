namespace Outreach.Cli.Commands;

/// <summary>
/// Prospects finished per second over the last <c>window</c> of following (since following began, when that is
/// shorter): a run that slows down late — a provider throttling at prospect 80,000 — shows it within the window,
/// where an average since the start would hide it for many minutes.
/// </summary>
internal sealed class ProgressRate(TimeSpan window, TimeProvider time)
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(2);

    // Oldest first; the oldest kept is the newest that is at least a window old, so the rate always spans a full window.
    private readonly Queue<(long At, int Done)> _samples = new();
    private (long At, int Done) _latest;

    /// <summary>The window the rate covers.</summary>
    public TimeSpan Window => window;

    /// <summary>Notes how many prospects had finished now.</summary>
    public void Observe(int done)
    {
        _latest = (time.GetTimestamp(), done);
        _samples.Enqueue(_latest);
        while (_samples.Count > 2 && time.GetElapsedTime(_samples.ElementAt(1).At, _latest.At) >= window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Prospects per second over the window; null until two seconds have been seen or when the count went back.</summary>
    public double? PerSecond
    {
        get
        {
            if (_samples.Count < 2)
            {
                return null;
            }

            var (firstAt, firstDone) = _samples.Peek();
            var seconds = time.GetElapsedTime(firstAt, _latest.At);
            return seconds < Shortest || _latest.Done < firstDone ? null : (_latest.Done - firstDone) / seconds.TotalSeconds;
        }
    }
}
