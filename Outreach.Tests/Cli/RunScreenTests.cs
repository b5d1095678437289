using System.Diagnostics;
using System.Text.RegularExpressions;
using Outreach.Cli;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// A calm screen: <c>outreach run</c> on a file whose every website fails shows the reason with its count and no
/// stack trace — written to a pipe (plain lines) and to a terminal (the live display, through a pseudo-terminal).
/// </summary>
public sealed partial class RunScreenTests(PostgresServer server)
{
    private const int Prospects = 5;
    private const string Reason = "EnrichProspect: Website reader: 127.0.0.1 resolves only to private or local addresses, which the reader does not visit";

    [Fact]
    public async Task Run_WhenEveryWebsiteFailsAndOutputIsAPipe_PrintsTheReasonWithItsCountAndNoStackTrace()
    {
        await using var database = await server.CreateDatabaseAsync();
        using var cli = new CliHarness(database.ConnectionString);
        var (csv, campaign) = Files(cli);

        using var run = CliProcess.Start(["run", csv, "--campaign", campaign], cli.Environment, cli.Directory.FullName);
        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(4));

        var everything = run.Output + "\n" + run.Error;
        Assert.True(exit == ExitCodes.Failed, $"exit {exit}\n{everything}");
        Assert.Contains($"{Prospects} × {Reason}", run.Output, StringComparison.Ordinal);
        Assert.Empty(CliHarness.StackTraceLines(everything));
        Assert.DoesNotContain("\u001b[", everything, StringComparison.Ordinal);
        Assert.Contains($"Logs: {Path.Combine(cli.Directory.FullName, "logs")}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenEveryWebsiteFailsOnATerminal_ShowsTheLiveDisplayWithTheReasonAndNoStackTrace()
    {
        await using var database = await server.CreateDatabaseAsync();
        using var cli = new CliHarness(database.ConnectionString);
        var (csv, campaign) = Files(cli);

        // script(1) gives the command a pseudo-terminal, as a person's shell would.
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "outreach.dll"), "run", csv, "--campaign", campaign }.Select(Quote));
        var start = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
        {
            WorkingDirectory = cli.Directory.FullName,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in cli.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "160";
        var run = await ChildProcess.RunAsync(start, "outreach run on a terminal", TimeSpan.FromMinutes(4));

        var text = Plain(run.Output);
        Assert.True(run.ExitCode == ExitCodes.Failed, $"exit {run.ExitCode}\n{text}");
        Assert.Contains("top failure reasons:", text, StringComparison.Ordinal);
        Assert.Contains($"{Prospects} × {Reason}", text, StringComparison.Ordinal);
        Assert.Empty(CliHarness.StackTraceLines(text));
    }

    // Every prospect's website is on the loopback address, which the reader refuses to visit (no DNS involved, so the
    // reason is the same on every machine); the campaign requires the website.
    private static (string Csv, string Campaign) Files(CliHarness cli)
    {
        var csv = CsvFileBuilder.WithHeader("Email", "Full Name", "Company", "Website");
        for (var i = 0; i < Prospects; i++)
        {
            csv.Row($"w{i}@screen.example", $"Person {i}", $"Company {i}", $"http://127.0.0.1:{9 + i}/");
        }

        return (cli.Csv("websites.csv", csv), cli.QuietCampaign("Screen Test", enrichment: ["website"]));
    }

    private static string Quote(string word) => $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    // The terminal's text without colours, cursor moves and carriage returns.
    private static string Plain(string screen) => Escapes().Replace(screen, string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])")]
    private static partial Regex Escapes();
}
