using Outreach.Functions.Pipeline;

namespace Outreach.Cli.Commands;

/// <summary>
/// Reads that ride out an outage of the local services: while PostgreSQL or Azurite is away (a restart, a pause),
/// a command says what it is waiting for and tries again every second, for up to
/// <see cref="InfrastructureFaults.Tolerance"/>, instead of dying on the first connection error.
/// </summary>
internal static class OutageWait
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="read"/> until it succeeds, fails for another reason, or the outage outlasts the tolerance.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, TextWriter error, CancellationToken cancellationToken)
    {
        DateTime? since = null;
        string? waitingFor = null;
        while (true)
        {
            try
            {
                var value = await read();
                if (since is { } start)
                {
                    await error.WriteLineAsync($"{Capitalized(waitingFor!)} is back after {(DateTime.UtcNow - start).TotalSeconds:F0} s.");
                }

                return value;
            }
            catch (Exception e) when (InfrastructureFaults.OutageIn(e) is { } what && !cancellationToken.IsCancellationRequested
                && (since is null || DateTime.UtcNow - since < InfrastructureFaults.Tolerance))
            {
                since ??= DateTime.UtcNow;
                if (what != waitingFor)
                {
                    waitingFor = what;
                    await error.WriteLineAsync();
                    await error.WriteLineAsync($"Waiting for {what}… ({FirstLine(e.Message)})");
                }

                await Task.Delay(Pause, cancellationToken);
            }
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
