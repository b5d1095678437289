using Outreach.Cli.Commands;

namespace Outreach.Tests.Cli;

public sealed class ProgressRateTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void PerSecond_WhenARunSlowsDownLate_IsTheLastMinutesPaceNotTheAverage()
    {
        var time = new SteppedTime();
        var rate = new ProgressRate(Window, time);
        var done = 0;

        // Ten minutes at 100 prospects/s, then two at 10/s, observed every half second as `outreach run` does.
        done = Follow(rate, time, done, perSecond: 100, seconds: 600);
        Follow(rate, time, done, perSecond: 10, seconds: 120);

        Assert.Equal(10, rate.PerSecond!.Value, precision: 6);
    }

    [Fact]
    public void PerSecond_WhenFollowingBeganUnderAWindowAgo_IsThePaceSinceItBegan()
    {
        var time = new SteppedTime();
        var rate = new ProgressRate(Window, time);

        // Following starts at a batch that already had 500 finished: those do not count.
        Follow(rate, time, done: 500, perSecond: 40, seconds: 20);

        Assert.Equal(40, rate.PerSecond!.Value, precision: 6);
    }

    [Fact]
    public void PerSecond_WhenNothingFinishedForAWindow_IsZero()
    {
        var time = new SteppedTime();
        var rate = new ProgressRate(Window, time);
        var done = Follow(rate, time, done: 0, perSecond: 50, seconds: 30);

        Follow(rate, time, done, perSecond: 0, seconds: 90);

        Assert.Equal(0, rate.PerSecond);
    }

    [Fact]
    public void PerSecond_WhenUnderTwoSecondsHaveBeenSeen_IsNull()
    {
        var time = new SteppedTime();
        var rate = new ProgressRate(Window, time);

        Follow(rate, time, done: 0, perSecond: 100, seconds: 1.5);

        Assert.Null(rate.PerSecond);
    }

    // Observes every half second for `seconds` at `perSecond`, starting with `done` finished; returns the count reached.
    private static int Follow(ProgressRate rate, SteppedTime time, int done, double perSecond, double seconds)
    {
        var start = done;
        for (var tick = 0; tick <= (int)(seconds * 2); tick++)
        {
            done = start + (int)Math.Round(perSecond * tick / 2);
            rate.Observe(done);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        time.Advance(TimeSpan.FromMilliseconds(-500));
        return done;
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
