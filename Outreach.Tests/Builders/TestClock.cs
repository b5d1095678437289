namespace Outreach.Tests.Builders;

/// <summary>Fixed instants, so timestamp assertions compare exact values.</summary>
internal static class TestClock
{
    public static DateTimeOffset T0 { get; } = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static DateTimeOffset At(int minutesAfterT0) => T0.AddMinutes(minutesAfterT0);
}
