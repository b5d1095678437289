using System.CommandLine;
using Outreach.Cli.Benchmarks;
using Outreach.Cli.Commands;
using Outreach.Cli.Hosting;

namespace Outreach.Cli;

/// <summary>The <c>outreach</c> command line. Tests call <see cref="RunAsync"/> in-process with their own writers.</summary>
public static class OutreachCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Outreach: researched, personalized cold emails from a CSV of prospects.")
        {
            MigrateCommand.Create(),
            ValidateCommand.Create(),
            RunCommand.Create(),
            StatusCommand.Create(),
            BenchCommand.Create(),
        };

        // Ctrl-C and SIGTERM cancel the command's token; it then has this long to stop cleanly (the engine's bounded shutdown and a message).
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = LocalDurableEngine.ShutdownBudget + TimeSpan.FromSeconds(3) };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
