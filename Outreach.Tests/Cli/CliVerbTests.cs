using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Cli;

namespace Outreach.Tests.Cli;

public sealed class CliVerbTests(CliBatchFixture batch) : IClassFixture<CliBatchFixture>
{
    private string Prefix => batch.BatchId.ToString()[..13];

    [Fact]
    public async Task Batches_WhenFilteredByCampaignNameInAnotherCaseAndStatus_ListsTheBatch()
    {
        var listed = await batch.Cli.RunAsync("batches", "--campaign", "verb TESTS", "--status", "completed");
        var services = await batch.Cli.RunAsync("services");
        var none = await batch.Cli.RunAsync("batches", "--status", "FAILED");

        Assert.True(listed.ExitCode == ExitCodes.Ok, listed.ToString());
        Assert.Contains(batch.BatchId.ToString(), listed.Output, StringComparison.Ordinal);
        Assert.Contains("Verb Tests", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(batch.BatchId.ToString(), none.Output, StringComparison.Ordinal);
        Assert.Contains("No batches match.", none.Error, StringComparison.Ordinal);
        Assert.Contains("Verb Tests service", services.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WhenGivenAnIdPrefixWithJson_PrintsOnlyJsonWithReasonsAndRejectedRows()
    {
        var status = await batch.Cli.RunAsync("status", Prefix, "--json");

        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        var json = JsonNode.Parse(status.Output)!;
        Assert.Equal((batch.BatchId.ToString(), "COMPLETED", CliBatchFixture.Prospects), ((string?)json["id"], (string?)json["status"], (int)json["generatedEmails"]!));
        Assert.Equal("Completed", (string?)json["runtimeStatus"]);
        Assert.Empty(json["failureReasons"]!.AsArray());
        var rejected = Assert.Single(json["rejectedRows"]!.AsArray());
        Assert.Equal((6, "email is missing"), ((int)rejected!["line"]!, (string?)rejected["reason"]));
    }

    [Fact]
    public async Task ProspectsAndEmails_ListTheBatchInFileOrder()
    {
        var prospects = await batch.Cli.RunAsync("prospects", Prefix, "--status", "completed");
        var emails = await batch.Cli.RunAsync("emails", Prefix, "--json");

        Assert.True(prospects.ExitCode == ExitCodes.Ok, prospects.ToString());
        var lines = prospects.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#", lines[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, CliBatchFixture.Prospects).Select(i => $"p{i}@verbs.example"), lines.Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]));
        Assert.Equal(CliBatchFixture.Prospects, JsonNode.Parse(emails.Output)!.AsArray().Count);
    }

    [Fact]
    public async Task ReviewThenExport_WhenOneEmailIsApproved_ExportsOnlyItAndKeepsTheNote()
    {
        var emails = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray();
        var chosen = emails.Single(e => (string?)e!["email"] == "p2@verbs.example")!;
        var id = (string)chosen["id"]!;

        var review = await batch.Cli.RunAsync("review", id[..20], "approve", "--note", "Warm and specific");
        var approved = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--review", "approved", "--json")).Output)!.AsArray();
        var file = Path.Combine(batch.Cli.Directory.FullName, "approved.csv");
        var export = await batch.Cli.RunAsync("export", Prefix, "--approved", "--out", file);

        Assert.True(review.ExitCode == ExitCodes.Ok, review.ToString());
        Assert.Contains("APPROVED", review.Output, StringComparison.Ordinal);
        var only = Assert.Single(approved, e => (string?)e!["id"] == id);
        Assert.Equal("Warm and specific", (string?)only!["reviewNote"]);
        Assert.True(export.ExitCode == ExitCodes.Ok, export.ToString());
        var rows = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains(rows, r => r.Contains("p2@verbs.example", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("p1@verbs.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryAll_WhenOneEmailIsApproved_WritesTheOthersAgainAndKeepsIt()
    {
        var before = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray()
            .ToDictionary(e => (string)e!["email"]!, e => (string)e!["id"]!);
        Assert.Equal(ExitCodes.Ok, (await batch.Cli.RunAsync("review", before["p0@verbs.example"], "approve")).ExitCode);

        var retry = await batch.Cli.RunAsync("retry", Prefix, "--type", "generation", "--all");

        Assert.True(retry.ExitCode == ExitCodes.Ok, retry.ToString());
        var after = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray()
            .ToDictionary(e => (string)e!["email"]!, e => (string)e!["id"]!);
        Assert.Equal(before["p0@verbs.example"], after["p0@verbs.example"]);
        Assert.Equal(CliBatchFixture.Prospects, after.Count);
        var counters = Assert.Single(await batch.Database.RowsAsync("SELECT status::text, generated_emails FROM batches"));
        Assert.Equal(("COMPLETED", CliBatchFixture.Prospects), ((string)counters[0]!, (int)counters[1]!));
        Assert.Contains("GENERATION", retry.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProspectEmailJobAndHealth_ShowOneRecordEachAsTheApiDoes()
    {
        var emails = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray();
        var first = emails.Single(e => (string?)e!["email"] == "p1@verbs.example")!;
        var status = JsonNode.Parse((await batch.Cli.RunAsync("status", Prefix, "--json")).Output)!;

        var prospect = await batch.Cli.RunAsync("prospect", ((string)first["prospectId"]!)[..18]);
        var email = await batch.Cli.RunAsync("email", ((string)first["id"]!)[..18]);
        var job = await batch.Cli.RunAsync("job", (string)status["job"]!["id"]!);
        var health = await batch.Cli.RunAsync("health");
        await using var db = batch.Database.CreateContext();
        var uploadId = await db.Batches.Where(b => b.Id == batch.BatchId).Select(b => b.UploadId).SingleAsync(TestContext.Current.CancellationToken);
        var upload = JsonNode.Parse((await batch.Cli.RunAsync("upload", uploadId!.Value.ToString()[..13])).Output)!;

        Assert.True(prospect.ExitCode == ExitCodes.Ok, prospect.ToString());
        Assert.Contains("Person 1 <p1@verbs.example>, CTO at Company 1", prospect.Output, StringComparison.Ordinal);
        Assert.Contains("[csv:Company] Company 1", prospect.Output, StringComparison.Ordinal);
        Assert.True(email.ExitCode == ExitCodes.Ok, email.ToString());
        Assert.Contains($"Subject: {(string?)first["subject"]}", email.Output, StringComparison.Ordinal);
        Assert.Contains((string)first["body"]!, email.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal((string?)status["job"]!["type"], (string?)JsonNode.Parse(job.Output)!["type"]);
        Assert.True(health.ExitCode == ExitCodes.Ok, health.ToString());
        Assert.Equal(["postgresql: ok", "storage: ok"], health.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal((uploadId.Value.ToString(), "IMPORTED", batch.BatchId.ToString(), CliBatchFixture.Prospects), ((string?)upload["id"], (string?)upload["status"], (string?)upload["batchId"], (int)upload["rowsAccepted"]!));
    }

    [Fact]
    public async Task Edit_WhenTheBodyComesFromAFile_KeepsTheOriginalAndTheQualityGateChecksIt()
    {
        var emails = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray();
        var chosen = emails.Single(e => (string?)e!["email"] == "p3@verbs.example")!;
        var file = batch.Cli.File("new-body.txt", "Hi Person 3, a short note.");

        var nothing = await batch.Cli.RunAsync("edit", (string)chosen["id"]!);
        var edited = await batch.Cli.RunAsync("edit", ((string)chosen["id"]!)[..20], "--body-file", file, "--json");

        Assert.True(nothing.ExitCode == ExitCodes.BadInput, nothing.ToString());
        Assert.True(edited.ExitCode == ExitCodes.Ok, edited.ToString());
        var view = JsonNode.Parse(edited.Output)!;
        Assert.Equal(("Hi Person 3, a short note.", (string?)chosen["body"], (string?)chosen["subject"]), ((string?)view["body"], (string?)view["originalBody"], (string?)view["subject"]));
        Assert.Equal("NEEDS_ATTENTION", (string?)view["reviewStatus"]);
        Assert.Contains(view["qualityFlags"]!.AsArray(), f => ((string?)f)!.Contains("words", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Regenerate_WhenGivenOneEmail_WritesOnlyItAgain()
    {
        var before = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray()
            .ToDictionary(e => (string)e!["email"]!, e => (string)e!["id"]!);

        var result = await batch.Cli.RunAsync("regenerate", before["p1@verbs.example"][..20]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var after = JsonNode.Parse((await batch.Cli.RunAsync("emails", Prefix, "--json")).Output)!.AsArray()
            .ToDictionary(e => (string)e!["email"]!, e => (string)e!["id"]!);
        Assert.NotEqual(before["p1@verbs.example"], after["p1@verbs.example"]);
        Assert.Equal(CliBatchFixture.Prospects, after.Count);
        Assert.Contains("job GENERATION COMPLETED 1/1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_WhenOneSettingChanges_KeepsTheOthersAndProvidersShowsIt()
    {
        var first = await batch.Cli.RunAsync("provider", "Gemini", "--model", "gemini-2.5-pro", "--temperature", "0.3");
        var second = await batch.Cli.RunAsync("provider", "gemini", "--enabled", "false");
        var listed = JsonNode.Parse((await batch.Cli.RunAsync("providers", "--json")).Output)!.AsArray().Single(p => (string?)p!["provider"] == "gemini")!;

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Equal((false, "gemini-2.5-pro", 0.3f, false), ((bool)listed["enabled"]!, (string?)listed["model"], (float)listed["temperature"]!, (bool)listed["keyIsSet"]!));
        Assert.Equal("Providers__Gemini__ApiKey", (string?)listed["secretSetting"]);
    }

    [Theory]
    [InlineData("pause", "Only a running batch can be paused")]
    [InlineData("resume", "Only a paused batch, or one whose orchestration ended while its job runs, can be resumed; batch")]
    [InlineData("cancel", "has already ended (COMPLETED)")]
    public async Task Control_WhenTheBatchHasEnded_ExitsWithConflictAndTheReason(string verb, string reason)
    {
        var result = await batch.Cli.RunAsync(verb, Prefix);

        Assert.True(result.ExitCode == ExitCodes.Conflict, result.ToString());
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "0000", "No batch with an id starting '0000'")]
    [InlineData("status", "not-an-id", "'not-an-id' is not a batch id")]
    [InlineData("review", "0000", "No email with an id starting '0000'")]
    public async Task Verbs_WhenTheIdMatchesNothing_ExitWithBadInputNamingIt(string verb, string reference, string message)
    {
        var result = await batch.Cli.RunAsync(verb == "review" ? [verb, reference, "approve"] : [verb, reference]);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
