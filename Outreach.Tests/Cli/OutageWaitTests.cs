using Npgsql;
using Outreach.Cli.Commands;

namespace Outreach.Tests.Cli;

/// <summary>A command's reads wait out a database or storage outage, saying so, and fail at once on anything else.</summary>
public sealed class OutageWaitTests
{
    [Fact]
    public async Task ReadAsync_WhenTheDatabaseIsAwayForTwoReads_SaysItWaitsAndReturnsTheThirdRead()
    {
        using var error = new StringWriter();
        var attempts = 0;

        var value = await OutageWait.ReadAsync(
            () => ++attempts <= 2 ? throw new NpgsqlException("Failed to connect to 127.0.0.1:55432") : Task.FromResult(42),
            error,
            TestContext.Current.CancellationToken);

        Assert.Equal(42, value);
        Assert.Equal(3, attempts);
        var text = error.ToString();
        Assert.Single(text.Split('\n'), line => line.StartsWith("Waiting for the database… (Failed to connect", StringComparison.Ordinal));
        Assert.Contains("The database is back after", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenTheFailureIsNotAnOutage_ThrowsAtOnce()
    {
        using var error = new StringWriter();
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => OutageWait.ReadAsync<int>(
            () =>
            {
                attempts++;
                throw new InvalidOperationException("Batch disappeared.");
            },
            error,
            TestContext.Current.CancellationToken));

        Assert.Equal(1, attempts);
        Assert.Empty(error.ToString());
    }
}
