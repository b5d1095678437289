using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Cli.Serve;
using Outreach.Domain.Entities;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Cli;

/// <summary>
/// The review console in a real browser — Debian's Chromium driven by playwright-core (Outreach.Web/e2e) — against
/// <c>outreach serve</c> on real PostgreSQL, Azurite and the local engine. eng/test.sh builds the console and installs
/// the browser first.
/// </summary>
public sealed class ConsoleBrowserTests(PostgresServer server)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Review_InABrowser_ApprovesWithKeysRejectsWithANoteEditsOneAndExportsOnlyTheApproved()
    {
        var web = Path.Combine(TestEnvironment.RepositoryRoot, "Outreach.Web");
        Assert.True(File.Exists(Path.Combine(web, "dist", "index.html")), "The console is not built: eng/web.sh builds it (eng/test.sh runs it).");
        Assert.True(File.Exists(Chromium), $"No browser at {Chromium}: eng/web.sh --browser installs Debian's chromium (eng/test.sh runs it).");
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await f.StartBatchAsync("ana@review.example", "ben@review.example", "cy@review.example", "dee@review.example");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        await using var console = await ConsoleServer.StartAsync(f.Engine, port: 0, TokenGate.NewToken(), Path.Combine(web, "dist"), NullLoggerFactory.Instance, Ct);
        var screenshots = Directory.CreateDirectory(Path.Combine(TestEnvironment.RepositoryRoot, ".local", "screenshots")).FullName;

        var seen = await RunAsync(web, "e2e/review.mjs", console.OpenUrl, screenshots);

        Assert.Equal(4, (int)seen["emails"]!);
        Assert.Empty(seen["axe_review"]!.AsArray());
        Assert.Empty(seen["axe_editing"]!.AsArray());
        var exported = (string)seen["exported"]!;
        Assert.Equal(["ana@review.example", "ben@review.example", "cy@review.example"], Column(exported, "email"));
        Assert.EndsWith("P.S. Happy to share the audit checklist first.", Column(exported, "body")[2], StringComparison.Ordinal);
        var reviews = await f.Database.RowsAsync(
            "SELECT p.email, e.review_status::text, e.review_note, e.edited_at IS NOT NULL, e.original_body IS NOT NULL FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id ORDER BY p.ordinal");
        Assert.Equal(
            [("ana@review.example", "APPROVED", null, false), ("ben@review.example", "APPROVED", null, false), ("cy@review.example", "APPROVED", null, true),
             ("dee@review.example", "REJECTED", "Too generic for this company.", false)],
            reviews.Select(r => ((string)r[0]!, (string)r[1]!, r[2] as string, (bool)r[3]! && (bool)r[4]!)));
        Assert.True(File.Exists(Path.Combine(screenshots, "review-decided.png")));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // One column of an RFC 4180 CSV whose cells may hold line breaks (the bodies).
    private static List<string> Column(string csv, string name)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader(csv.TrimStart('\uFEFF'))) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var index = Array.IndexOf(parser.ReadFields()!, name);
        var values = new List<string>();
        while (parser.ReadFields() is { } row)
        {
            values.Add(row[index]);
        }

        return values;
    }

    // Runs a script of Outreach.Web/e2e with node and returns the JSON line it prints last.
    private static async Task<JsonNode> RunAsync(string web, string script, Uri url, string screenshots)
    {
        var start = new ProcessStartInfo("node", [script]) { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["OUTREACH_URL"] = url.ToString();
        start.Environment["CHROMIUM"] = Chromium;
        start.Environment["SCREENSHOTS"] = screenshots;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        ceiling.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(ceiling.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within 4 minutes:\n{await error}");
        }

        Assert.True(process.ExitCode == 0, $"{script} failed (exit {process.ExitCode}):\n{await error}\n{await output}");
        return JsonNode.Parse((await output).Trim().Split('\n')[^1])!;
    }
}
