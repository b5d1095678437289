using System.Diagnostics;

namespace Outreach.Tests.Infrastructure;

/// <summary>
/// A process a test runs to its end (msbuild, node, script(1)): its stdout and stderr read as it writes them, and a
/// ceiling past which its whole tree is killed and the test fails naming it — a hung child never holds the run.
/// </summary>
internal static class ChildProcess
{
    /// <summary>How a process ended and what it wrote.</summary>
    public sealed record Finished(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="start"/> (its output and error redirected here) and waits at most <paramref name="ceiling"/>.</summary>
    public static async Task<Finished> RunAsync(ProcessStartInfo start, string what, TimeSpan ceiling)
    {
        ArgumentNullException.ThrowIfNull(start);
        var ct = TestContext.Current.CancellationToken;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(ceiling);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what} did not finish within {ceiling.TotalMinutes:F0} minutes:\n{await error}\n{await output}");
        }

        return new Finished(process.ExitCode, await output, await error);
    }
}
