namespace Outreach.Tests.Cli;

/// <summary>What one <c>outreach</c> invocation printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for messages about a failed assertion.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
