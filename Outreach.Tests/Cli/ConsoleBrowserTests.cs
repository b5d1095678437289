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
    public async Task Review_InABrowser_ApprovesWithKeysRejectsWithANoteEditsOneExportsAndPushesOnlyTheApproved()
    {
        var web = RequireConsole();
        await using var instantly = await Sequencers.FakeInstantly.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, Sequencers.PushScenario.Settings("Instantly", instantly));
        await f.Database.ExecuteAsync("UPDATE campaigns SET footer = $1, unsubscribe = $2", Sequencers.PushScenario.Footer, Sequencers.PushScenario.OptOut);
        var batchId = await f.StartBatchAsync("ana@review.example", "ben@review.example", "cy@review.example", "dee@review.example");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        await using var console = await ConsoleServer.StartAsync(f.Engine, port: 0, TokenGate.NewToken(), Path.Combine(web, "dist"), NullLoggerFactory.Instance, Ct);
        var screenshots = Screenshots();

        var seen = await RunAsync(web, "e2e/review.mjs", console.OpenUrl, screenshots, new() { ["PUSH_CAMPAIGN"] = instantly.Campaign });

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

        // The Push button sent exactly the approved three, the edit included, to the sequencer.
        Assert.Equal("INSTANTLY: 3 pushed, 0 skipped, 0 failed", (string?)seen["pushed"]);
        Assert.Empty(seen["axe_pushed"]!.AsArray());
        Assert.Equal(["ana@review.example", "ben@review.example", "cy@review.example"], instantly.Leads.Keys.Order());
        Assert.EndsWith("P.S. Happy to share the audit checklist first.", (string?)instantly.Leads["cy@review.example"]["custom_variables"]!["body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_InABrowser_WalksTheSampleFromUploadToCompletedAndExportsExactlyTheApproved()
    {
        var web = RequireConsole();
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await ConsoleServer.StartAsync(f.Engine, port: 0, TokenGate.NewToken(), Path.Combine(web, "dist"), NullLoggerFactory.Instance, Ct);
        var screenshots = Screenshots();

        var seen = await RunAsync(web, "e2e/wizard.mjs", console.OpenUrl, screenshots, new() { ["CSV"] = SamplePath });

        Assert.Equal("21 rows accepted, 4 rejected", ((string)seen["previewSummary"]!).Split(" · ")[0]);
        Assert.Equal<string>(["22", "23", "24", "25"], seen["rejectedLines"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("A quick idea for Ledgerline's cloud bill", (string?)seen["previewSubject"]);
        Assert.Equal(("COMPLETED", 21, "Review"), ((string?)seen["batchStatus"], (int)seen["emails"]!, (string?)seen["finalStep"]));
        Assert.All(seen["axe"]!.AsObject(), step => Assert.True(step.Value!.AsArray().Count == 0, $"axe on {step.Key}: {step.Value.ToJsonString()}"));
        Assert.Equal(["upload", "preview", "campaign", "sources", "progress", "review", "completed"], seen["axe"]!.AsObject().Select(p => p.Key));
        var exported = (string)seen["exported"]!;
        var emails = Column(exported, "email");
        Assert.Equal(["maya.okafor@ledgerline.example", "d.brenner@paywise.example", "priya@clearvault.example", "tomas.alvarez@fondodigital.example"], emails);
        Assert.EndsWith("P.S. Happy to share the audit checklist first.", Column(exported, "body")[3], StringComparison.Ordinal);
        Assert.EndsWith("Northwind Cloud Advisory, 1 Harbour Street, Bristol BS1 4QA. Reply STOP and you will hear no more from us.", (string)seen["previewBody"]!, StringComparison.Ordinal);
        Assert.All(Column(exported, "footer"), footer => Assert.StartsWith("Northwind Cloud Advisory, 1 Harbour Street", footer, StringComparison.Ordinal));
        Assert.All(Column(exported, "list_unsubscribe"), value => Assert.Equal("<mailto:optout@northwind.example>", value));

        var session = Assert.Single(await f.Database.RowsAsync(
            "SELECT w.guided, w.current_step::text, w.status::text, jsonb_array_length(w.steps_completed), b.status::text, c.name, c.verification::text, c.enrichment_flags::text " +
            "FROM workflow_sessions w JOIN batches b ON b.id = w.batch_id JOIN campaigns c ON c.id = w.campaign_id WHERE w.guided"));
        Assert.Equal<object?>([true, "COMPLETED", "COMPLETED", 5, "COMPLETED", "Wizard fintech review", "OFF", "[\"linkedin\", \"website\"]"], session);
        var reviews = await f.Database.RowsAsync("SELECT e.review_status::text, count(*), count(e.edited_at) FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id " +
            "JOIN workflow_sessions w ON w.batch_id = p.batch_id AND w.guided GROUP BY 1 ORDER BY 1");
        Assert.Equal([("APPROVED", 4L, 1L), ("PENDING_REVIEW", 16L, 0L), ("REJECTED", 1L, 0L)], reviews.Select(r => ((string)r[0]!, (long)r[1]!, (long)r[2]!)));
        Assert.True(File.Exists(Path.Combine(screenshots, "wizard-6-completed.png")));
    }

    [Fact]
    public async Task Wizard_WhenLeftAtCampaignSettings_ANewPageResumesThereWithTheSameFile()
    {
        var web = RequireConsole();
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await ConsoleServer.StartAsync(f.Engine, port: 0, TokenGate.NewToken(), Path.Combine(web, "dist"), NullLoggerFactory.Instance, Ct);

        var seen = await RunAsync(web, "e2e/wizard.mjs", console.OpenUrl, Screenshots(), new() { ["CSV"] = SamplePath, ["WIZARD_MODE"] = "resume" });

        Assert.Equal(("Campaign", "Campaign"), ((string?)seen["stepBeforeLeaving"], (string?)seen["resumedStep"]));
        Assert.Equal("File: prospects.csv", (string?)seen["resumedFile"]);
        Assert.Empty(seen["axe"]!["campaign"]!.AsArray());
        var session = Assert.Single(await f.Database.RowsAsync("SELECT current_step::text, status::text, batch_id FROM workflow_sessions WHERE guided"));
        Assert.Equal<object?>(["CAMPAIGN_SETTINGS", "ACTIVE", null], session);
        // Nothing imported from the staged file (the scanner may record other tests' blobs of the shared container).
        Assert.Equal(0L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads WHERE container = 'prospect-drafts'"));
    }

    [Fact]
    public async Task SignIn_WhenDeployedWithAnEntraConfig_SendsThePersonToEntraIdBeforeAnyApiCall()
    {
        var web = RequireConsole();
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await ConsoleServer.StartAsync(f.Engine, port: 0, TokenGate.NewToken(), Path.Combine(web, "dist"), NullLoggerFactory.Instance, Ct);

        var seen = await RunAsync(web, "e2e/signin.mjs", console.OpenUrl, Screenshots());

        var authorize = seen["authorize"]!;
        Assert.Equal(
            ("login.microsoftonline.com", "/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/oauth2/v2.0/authorize", "11111111-2222-4333-8444-555555555555"),
            ((string?)authorize["host"], (string?)authorize["path"], (string?)authorize["client_id"]));
        Assert.Contains("api://11111111-2222-4333-8444-555555555555/user_impersonation", ((string)authorize["scope"]!).Split(' '));
        Assert.Equal((new Uri(console.Address, "/").ToString(), "code", "S256"), ((string?)authorize["redirect_uri"], (string?)authorize["response_type"], (string?)authorize["code_challenge_method"]));
        Assert.Empty(seen["apiCalls"]!.AsArray());
    }

    private static string SamplePath => Path.Combine(TestEnvironment.RepositoryRoot, "samples", "prospects.csv");

    private static string RequireConsole()
    {
        var web = Path.Combine(TestEnvironment.RepositoryRoot, "Outreach.Web");
        Assert.True(File.Exists(Path.Combine(web, "dist", "index.html")), "The console is not built: eng/web.sh builds it (eng/test.sh runs it).");
        Assert.True(File.Exists(Chromium), $"No browser at {Chromium}: eng/web.sh --browser installs Debian's chromium (eng/test.sh runs it).");
        return web;
    }

    private static string Screenshots() => Directory.CreateDirectory(Path.Combine(TestEnvironment.RepositoryRoot, ".local", "screenshots")).FullName;

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
    private static async Task<JsonNode> RunAsync(string web, string script, Uri url, string screenshots, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node", [script]) { WorkingDirectory = web };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        start.Environment["OUTREACH_URL"] = url.ToString();
        start.Environment["CHROMIUM"] = Chromium;
        start.Environment["SCREENSHOTS"] = screenshots;
        var node = await ChildProcess.RunAsync(start, script, TimeSpan.FromMinutes(6));
        Assert.True(node.ExitCode == 0, $"{script} failed (exit {node.ExitCode}):\n{node.Error}\n{node.Output}");
        return JsonNode.Parse(node.Output.Trim().Split('\n')[^1])!;
    }
}
