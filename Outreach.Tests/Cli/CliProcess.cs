using System.Collections.Concurrent;
using System.Diagnostics;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// The <c>outreach</c> command as a separate process (the build next to the tests), for what only a process shows:
/// signals and exit codes. Its stderr is collected line by line, so a test can wait for a line instead of a time.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errorLines = new();
    private readonly ConcurrentQueue<string> _outputLines = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private CliProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => Collect(_errorLines, e.Data);
        _process.OutputDataReceived += (_, e) => Collect(_outputLines, e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Id => _process.Id;

    public string Error => string.Join('\n', _errorLines);

    public string Output => string.Join('\n', _outputLines);

    /// <summary>Starts <c>dotnet outreach.dll</c> with <paramref name="args"/> in <paramref name="directory"/>, with the environment's settings replaced by <paramref name="environment"/>.</summary>
    public static CliProcess Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string directory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "outreach.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Address checks ask the test DNS server, never the machine's resolver.
        start.Environment["Verification__DnsServers"] = TestEnvironment.DnsServer;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits until a stderr line matches; fails naming <paramref name="what"/> and showing stderr if the process ends first or the ceiling passes.</summary>
    public async Task<string> WaitForErrorLineAsync(string what, Func<string, bool> match, TimeSpan ceiling)
    {
        var deadline = DateTime.UtcNow + ceiling;
        while (true)
        {
            if (_errorLines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited && _errorLines.All(l => !match(l)))
            {
                Assert.Fail($"outreach exited ({_process.ExitCode}) before {what}:\n{Error}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"Waited {ceiling.TotalSeconds:F0} s for {what}; stderr so far:\n{Error}");
            await _newLine.WaitAsync(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Sends SIGTERM, as <c>kill</c>, a service manager or a container runtime does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill!.WaitForExit();
    }

    /// <summary>The exit code; fails (and kills the process) if it has not exited within <paramref name="ceiling"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan ceiling)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(ceiling);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"outreach did not exit within {ceiling.TotalSeconds:F0} s; stderr:\n{Error}");
        }

        // The asynchronous readers finish after the exit; wait for the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _newLine.Dispose();
    }

    private void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
            _newLine.Release();
        }
    }
}
