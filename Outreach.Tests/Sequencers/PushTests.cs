using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Erasure;
using Outreach.Functions.Application.Pushes;
using Outreach.Functions.Application.Suppressions;
using Outreach.Functions.Pipeline;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Sequencers;

/// <summary>Pushes of approved emails to fake Instantly, Smartlead and lemlist servers, on the real engine, database and storage.</summary>
public sealed class PushTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_When250ApprovedEmailsGoToInstantlyThroughA429Storm_LandsEachLeadOnceAndASecondPushSendsNothing()
    {
        await using var instantly = await FakeInstantly.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, PushScenario.Settings("Instantly", instantly, batchSize: 100));
        var batchId = await PushScenario.ApprovedBatchAsync(f, 250);
        instantly.Fail(429, count: 4, retryAfter: 1, body: """{"statusCode":429,"error":"Too Many Requests","message":"Rate limit exceeded, retry in 1 second"}""");

        var push = await PushScenario.StartAsync(f, batchId, "instantly", instantly.Campaign);
        var run = await f.WaitAsync(push.InstanceId!);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(250, instantly.Leads.Count);
        Assert.Equal(250, instantly.LeadsSent);
        Assert.All(Enumerable.Range(0, 250), i => Assert.True(instantly.Leads.ContainsKey(PushScenario.Address(i)), PushScenario.Address(i)));
        var lead = instantly.Leads[PushScenario.Address(7)];
        Assert.Equal("Person", (string?)lead["first_name"]);
        Assert.Equal("7", (string?)lead["last_name"]);
        var variables = lead["custom_variables"]!;
        var email = Assert.Single(await f.Database.RowsAsync(
            "SELECT e.subject, e.body, e.footer FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id WHERE p.email = $1", PushScenario.Address(7)));
        Assert.Equal((string)email[0]!, (string?)variables["subject"]);
        Assert.Equal((string)email[1]!, (string?)variables["body"]);
        Assert.Equal((string)email[2]!, (string?)variables["footer"]);
        Assert.Contains("1 Main Street", (string?)variables["footer"], StringComparison.Ordinal);
        Assert.Equal($"<{PushScenario.OptOut}>", (string?)variables["list_unsubscribe"]);

        // Every call stayed within the batch size, and each lead's id came back into email_pushes.
        Assert.All(instantly.Server.Requests.Where(r => r.Method == "POST"), r => Assert.True(r.Json["leads"]!.AsArray().Count <= 100));
        Assert.Equal(new Dictionary<string, long> { ["PUSHED"] = 250 }, await PushScenario.StatusesAsync(f.Database));
        Assert.Equal(0L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM email_pushes WHERE external_lead_id IS NULL OR pushed_at IS NULL"));
        var job = Assert.Single(await f.Database.RowsAsync("SELECT status::text, progress_current, progress_total FROM processing_jobs WHERE job_type = 'PUSH'"));
        Assert.Equal(("COMPLETED", 250, 250), ((string)job[0]!, (int)job[1]!, (int)job[2]!));

        // The batch's own status still reports its pipeline run, not the push.
        var status = await f.Engine.Services.GetRequiredService<BatchQueries>().GetAsync(batchId, null, Ct);
        Assert.Equal("FULL_PIPELINE", status!.Job!.Type);

        var again = await f.Engine.Services.GetRequiredService<SequencerPush>().StartAsync(batchId, new PushRequest("instantly", instantly.Campaign), f.Client, Ct);
        Assert.Equal(ControlOutcome.Conflict, again.Outcome);
        Assert.Contains("nothing left to push to INSTANTLY", again.Reason, StringComparison.Ordinal);
        Assert.Equal(250, instantly.LeadsSent);
    }

    [Fact]
    public async Task Push_WhenTheEngineRestartsMidPush_ResumesAndLandsEachLeadOnce()
    {
        await using var smartlead = await FakeSmartlead.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, PushScenario.Settings("Smartlead", smartlead, batchSize: 20));
        var batchId = await PushScenario.ApprovedBatchAsync(f, 120);
        smartlead.Delay = TimeSpan.FromMilliseconds(300);

        var push = await PushScenario.StartAsync(f, batchId, "smartlead", smartlead.Campaign);
        await PipelineFixture.WaitUntilAsync("the first calls to be recorded", async () => await f.Database.ScalarAsync<long>("SELECT count(*) FROM email_pushes") >= 20);
        await f.RestartEngineAsync();
        var run = await f.WaitAsync(push.InstanceId!);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(120, smartlead.Leads.Count);
        Assert.Equal(120L, await f.Database.ScalarAsync<long>("SELECT count(DISTINCT generated_email_id) FROM email_pushes"));

        // A call in flight when the engine stopped may be sent again: Smartlead skips what it already has, and
        // that lead is recorded as skipped, never added twice. At most the two pages in flight repeat one call each.
        var statuses = await PushScenario.StatusesAsync(f.Database);
        Assert.Equal(120, statuses.GetValueOrDefault("PUSHED") + statuses.GetValueOrDefault("SKIPPED"));
        Assert.InRange(smartlead.LeadsSent - 120, 0, 40);
        Assert.Equal(smartlead.LeadsSent - 120, statuses.GetValueOrDefault("SKIPPED"));
    }

    [Fact]
    public async Task Push_WhenLemlistRefusesSomeLeads_RecordsEachOutcomeAndTheNextPushSendsOnlyTheFailedOne()
    {
        await using var lemlist = await FakeLemlist.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, PushScenario.Settings("Lemlist", lemlist));
        var batchId = await PushScenario.ApprovedBatchAsync(f, 8);
        lemlist.Refused.Add(PushScenario.Address(3));
        lemlist.Leads[PushScenario.Address(5)] = new System.Text.Json.Nodes.JsonObject { ["email"] = PushScenario.Address(5) };
        lemlist.Fail(503).Fail(429, retryAfter: 1, body: "Too many requests");

        var run = await f.WaitAsync((await PushScenario.StartAsync(f, batchId, "lemlist", lemlist.Campaign)).InstanceId!);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        var rows = (await f.Database.RowsAsync(
            "SELECT p.email, s.status::text, s.external_lead_id, s.error FROM email_pushes s JOIN generated_emails e ON e.id = s.generated_email_id JOIN prospects p ON p.id = e.prospect_id"))
            .ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, r[2] as string, r[3] as string));
        Assert.Equal(8, rows.Count);
        Assert.Equal(("FAILED", null, "lemlist: Invalid email"), rows[PushScenario.Address(3)]);
        Assert.Equal("SKIPPED", rows[PushScenario.Address(5)].Item1);
        Assert.Equal("lemlist: Lead (address) already in the campaign", rows[PushScenario.Address(5)].Item3);
        Assert.All(rows.Where(r => r.Key != PushScenario.Address(3) && r.Key != PushScenario.Address(5)), r => Assert.StartsWith("lea_", r.Value.Item2, StringComparison.Ordinal));
        var created = lemlist.Leads[PushScenario.Address(0)];
        Assert.False(string.IsNullOrEmpty((string?)created["subject"]));
        Assert.Contains("1 Main Street", (string?)created["footer"], StringComparison.Ordinal);
        Assert.Equal("Person", (string?)created["firstName"]);
        Assert.Null(rows.Values.Select(v => v.Item3).FirstOrDefault(e => e?.Contains('@', StringComparison.Ordinal) == true));

        // The next push tries only the refused lead again.
        var sent = lemlist.LeadsSent;
        await f.WaitAsync((await PushScenario.StartAsync(f, batchId, "lemlist", lemlist.Campaign)).InstanceId!);
        Assert.Equal(sent + 1, lemlist.LeadsSent);
        Assert.Equal("FAILED", await f.Database.ScalarAsync<string>(
            "SELECT s.status::text FROM email_pushes s JOIN generated_emails e ON e.id = s.generated_email_id JOIN prospects p ON p.id = e.prospect_id WHERE p.email = $1", PushScenario.Address(3)));
    }

    [Fact]
    public async Task Push_WhenSmartleadRefusesTheKeyAndEchoesIt_FailsTheJobWithAReasonThatHoldsNoKey()
    {
        const string wrongKey = "sl-wrong-key-0000111122223333";
        await using var smartlead = await FakeSmartlead.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, PushScenario.Settings("Smartlead", smartlead, key: wrongKey));
        var batchId = await PushScenario.ApprovedBatchAsync(f, 3);

        var run = await f.WaitAsync((await PushScenario.StartAsync(f, batchId, "smartlead", smartlead.Campaign)).InstanceId!);

        var summary = run.ReadOutputAs<PushSummary>()!;
        Assert.Equal(Outreach.Domain.Enums.JobStatus.Failed, summary.Status);
        var error = await f.Database.ScalarAsync<string>("SELECT error_message FROM processing_jobs WHERE job_type = 'PUSH'");
        Assert.StartsWith("PushLeads: Smartlead: the API key was refused (401)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, run.SerializedOutput ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(0L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM email_pushes"));
        Assert.Empty(smartlead.Leads);
    }

    [Fact]
    public async Task Push_WhenPeopleAreSuppressedOrErasedAfterTheImport_NeverPushesOrExportsThem()
    {
        await using var instantly = await FakeInstantly.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, PushScenario.Settings("Instantly", instantly));
        var batchId = await PushScenario.ApprovedBatchAsync(f, 5);
        await f.Engine.Services.GetRequiredService<SuppressionList>().AddAsync(new SuppressionRequest(PushScenario.Address(1), "UNSUBSCRIBED"), Ct);
        await f.Engine.Services.GetRequiredService<PersonErasure>().EraseAsync(PushScenario.Address(2), Ct);

        await f.WaitAsync((await PushScenario.StartAsync(f, batchId, "instantly", instantly.Campaign)).InstanceId!);

        Assert.Equal([PushScenario.Address(0), PushScenario.Address(3), PushScenario.Address(4)], instantly.Leads.Keys.Order());
        Assert.DoesNotContain(instantly.Server.Requests, r => r.Body.Contains(PushScenario.Address(1), StringComparison.Ordinal) || r.Body.Contains(PushScenario.Address(2), StringComparison.Ordinal));
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            await using var db = f.Database.CreateContext();
            var csv = new StringWriter();
            await ResultsWriter.WriteEmailsAsync(db, batchId, approvedOnly: true, csv, Ct, format);
            var text = csv.ToString();
            var addresses = System.Text.RegularExpressions.Regex.Matches(text, @"p\d+@example\.com").Select(m => m.Value).Distinct().Order();
            Assert.Equal([PushScenario.Address(0), PushScenario.Address(3), PushScenario.Address(4)], addresses);
            Assert.Contains(PushScenario.Address(4), text, StringComparison.Ordinal);
            Assert.DoesNotContain(PushScenario.Address(1), text, StringComparison.Ordinal);
            Assert.DoesNotContain(PushScenario.Address(2), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartPush_WhenTheCampaignOrTheSequencerIsNotReady_RefusesSayingWhatToDo()
    {
        await using var instantly = await FakeInstantly.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server, PushScenario.Settings("Instantly", instantly));
        var batchId = await PushScenario.ApprovedBatchAsync(f, 2, lawful: false);
        var pushes = f.Engine.Services.GetRequiredService<SequencerPush>();

        var unlawful = await pushes.StartAsync(batchId, new PushRequest("instantly", instantly.Campaign), f.Client, Ct);
        var unconfigured = await pushes.StartAsync(batchId, new PushRequest("lemlist", "cam_1"), f.Client, Ct);
        await f.Database.ExecuteAsync("UPDATE campaigns SET footer = $1, unsubscribe = $2", PushScenario.Footer, PushScenario.OptOut);
        var writtenBefore = await pushes.StartAsync(batchId, new PushRequest("instantly", instantly.Campaign), f.Client, Ct);
        var unknown = await Assert.ThrowsAsync<Outreach.Domain.StatusRules.DomainValidationException>(() => pushes.StartAsync(batchId, new PushRequest("mailchimp", "x"), f.Client, Ct));
        var missing = await pushes.StartAsync(Guid.CreateVersion7(), new PushRequest("instantly", instantly.Campaign), f.Client, Ct);

        Assert.Equal(ControlOutcome.Conflict, unlawful.Outcome);
        Assert.Equal("Campaign 'Pipeline test' has no footer and no opt-out address: give it a footer (the sender's postal address and an opt-out sentence) and an unsubscribe target (mailto: or https://) before pushing.", unlawful.Reason);
        Assert.Equal("LEMLIST is not configured: set Sequencers__Lemlist__ApiKey (an app setting or Key Vault reference).", unconfigured.Reason);
        Assert.Equal(ControlOutcome.Conflict, writtenBefore.Outcome);
        Assert.StartsWith("2 approved email(s) of batch", writtenBefore.Reason, StringComparison.Ordinal);
        Assert.Equal("target 'mailchimp' is not one of INSTANTLY, SMARTLEAD, LEMLIST.", unknown.Message);
        Assert.Equal(ControlOutcome.NotFound, missing.Outcome);
        Assert.Equal(0, instantly.LeadsSent);
        Assert.Equal(0L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM processing_jobs WHERE job_type = 'PUSH'"));
    }
}
