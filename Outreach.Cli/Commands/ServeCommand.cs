using System.CommandLine;
using Outreach.Cli.Serve;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach serve [--port 7071]</c>: the whole app in one local process — the HTTP API at <c>/api</c>, the local
/// engine, the uploads container scan, the sweeper and the web console at <c>/</c> — on 127.0.0.1 only, behind a
/// random token printed with the URL (as Jupyter does). Ctrl-C stops it.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0: any free one).", DefaultValueFactory = _ => 7071 };
        return new Command("serve", "Serve the HTTP API, the local engine and the web console on 127.0.0.1, behind a token.") { port }.Does(async cli =>
        {
            var engine = await cli.EngineAsync(processWork: true);
            var token = cli.Configuration["Serve:Token"] is { Length: >= 16 } configured ? configured : TokenGate.NewToken();
            await using var server = await ConsoleServer.StartAsync(
                engine, cli.Parse.GetValue(port), token, ConsoleServer.FindWebRoot(cli.Configuration["Serve:WebRoot"]), cli.Logs.Factory, cli.Cancellation);
            await cli.Output.WriteLineAsync($"Outreach console: {server.OpenUrl}");
            await cli.Output.WriteLineAsync($"  API: {new Uri(server.Address, "/api")} (Authorization: Bearer {server.Token})");
            if (server.WebRoot is null)
            {
                await cli.Output.WriteLineAsync("  The web console is not built: eng/web.sh builds it.");
            }

            if (cli.Logs.File is { } log)
            {
                await cli.Output.WriteLineAsync($"  Logs: {log}");
            }

            await cli.Output.WriteLineAsync("Ctrl-C stops it.");
            await cli.Output.FlushAsync(cli.Cancellation);
            try
            {
                await Task.Delay(Timeout.Infinite, cli.Cancellation);
            }
            catch (OperationCanceledException)
            {
                await cli.Error.WriteLineAsync("Stopping…");
            }

            return ExitCodes.Ok;
        });
    }
}
