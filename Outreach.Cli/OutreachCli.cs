using System.CommandLine;
using Outreach.Cli.Commands;

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

        var invocation = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
