using System.CommandLine;

namespace Outreach.Cli.Commands;

/// <summary>Options every verb understands.</summary>
internal static class CliOptions
{
    /// <summary><c>--verbose</c>: stream the logs to stderr too, and show the details of an unexpected error.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "Show the engine's and the app's logs, and the details of an unexpected error.", Recursive = true };

    /// <summary><c>--json</c>: only JSON on stdout (messages and progress go to stderr).</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (the HTTP API's shapes) on stdout, and nothing else there." };
}
