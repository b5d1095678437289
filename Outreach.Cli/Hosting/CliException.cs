namespace Outreach.Cli.Hosting;

/// <summary>A failure the command reports as one line and an exit code (<see cref="ExitCodes"/>), never a stack trace.</summary>
internal sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
