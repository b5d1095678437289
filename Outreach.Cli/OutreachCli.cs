using System.CommandLine;
using Outreach.Cli.Benchmarks;
using Outreach.Cli.Commands;
using Outreach.Cli.Hosting;

namespace Outreach.Cli;

/// <summary>The <c>outreach</c> command line. Tests call <c>RunAsync</c> in-process with their own writers and settings.</summary>
public static class OutreachCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, settings: null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>, with <paramref name="settings"/> instead of
    /// local.settings.json and the environment (null: those): for a host embedding the command, and for tests running in parallel.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Microsoft.Extensions.Configuration.IConfiguration? settings, CancellationToken cancellationToken = default)
    {
        var root = Root();
        CliContext.Settings.Value = settings;

        // Ctrl-C and SIGTERM cancel the command's token; it then has this long to stop cleanly (the engine's bounded shutdown and a message).
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = LocalDurableEngine.ShutdownBudget + TimeSpan.FromSeconds(3) };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>Every verb. The root carries System.CommandLine's <c>[suggest]</c> directive, which shell completion (dotnet-suggest) asks.</summary>
    internal static RootCommand Root() => new("Outreach: researched, personalized cold emails from a CSV of prospects.")
    {
        CliOptions.Verbose,
        CampaignCommand.List(),
        CampaignCommand.Create(),
        CampaignCommand.Services(),
        BatchCommands.Batches(),
        BatchCommands.Status(),
        BatchCommands.Prospects(),
        BatchCommands.Emails(),
        BatchCommands.Export(),
        BatchCommands.Review(),
        BatchCommands.Edit(),
        BatchCommands.Approve(),
        RecordCommands.Prospect(),
        RecordCommands.Email(),
        RecordCommands.Upload(),
        RecordCommands.Job(),
        RunCommand.Create(),
        ServeCommand.Create(),
        ControlCommands.Retry(),
        ControlCommands.Regenerate(),
        ControlCommands.Pause(),
        ControlCommands.Resume(),
        ControlCommands.Cancel(),
        ProvidersCommand.Create(),
        ProvidersCommand.Set(),
        SuppressCommand.Create(),
        ForgetCommand.Create(),
        PushCommand.Create(),
        RecordCommands.Health(),
        ValidateCommand.Create(),
        MigrateCommand.Create(),
        BenchCommand.Create(),
    };
}
