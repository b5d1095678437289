using System.CommandLine;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;
using Outreach.Domain.Import;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application;
using Outreach.Functions.Pipeline;

namespace Outreach.Cli.Commands;

/// <summary>
/// Runs a verb and turns whatever it throws into one line on stderr and a documented exit code: the error mapping of
/// the command line, in one place (the HTTP API's is <c>ApiHttp</c>). A stack trace reaches the terminal only with
/// <c>--verbose</c>; it always reaches the log file.
/// </summary>
internal static class CliAction
{
    /// <summary>Sets <paramref name="action"/> as what <paramref name="command"/> does.</summary>
    public static Command Does(this Command command, Func<CliContext, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = new CliContext(parse, cancellationToken);
            return await RunAsync(cli, action);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, Func<CliContext, Task<int>> action)
    {
        try
        {
            return await action(cli);
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(ex, cli.Cancellation);
            if (code == ExitCodes.Failed)
            {
                cli.Logs.Factory.CreateLogger("Outreach.Cli").LogError(ex, "outreach {Command} failed", cli.Parse.CommandResult.Command.Name);
                message += cli.Logs.File is { } file ? $" Details are in {file}." : string.Empty;
            }

            await cli.Error.WriteLineAsync(message);
            if (cli.Verbose && code == ExitCodes.Failed)
            {
                await cli.Error.WriteLineAsync(ex.ToString());
            }

            return code;
        }
    }

    /// <summary>The exit code and the one line for <paramref name="exception"/>.</summary>
    internal static (int Code, string Message) Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliException e => (e.ExitCode, e.Message),
        _ when cancellationToken.IsCancellationRequested => (ExitCodes.Stopped, "Stopped."),
        DomainValidationException or CsvFileRejectedException => (ExitCodes.BadInput, exception.Message),
        DomainConflictException or InvalidStatusTransitionException => (ExitCodes.Conflict, exception.Message),
        ApiProblemException { Status: 409 } => (ExitCodes.Conflict, exception.Message),
        ApiProblemException { Status: < 500 } => (ExitCodes.BadInput, exception.Message),
        _ when InfrastructureFaults.OutageIn(exception) is { } what =>
            (ExitCodes.Unavailable, $"Lost {what} ({FirstLine(exception)}). Is it running? eng/start-services.sh starts the local services."),
        _ => (ExitCodes.Failed, $"outreach failed: {FirstLine(exception)}."),
    };

    private static string FirstLine(Exception exception) => exception.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
