using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application;
using Outreach.Functions.Pipeline;

namespace Outreach.Cli.Commands;

/// <summary>
/// The read-only batch verbs and the review — <c>batches</c>, <c>status</c>, <c>prospects</c>, <c>emails</c>,
/// <c>export</c>, <c>review</c> — through the API's application services, on PostgreSQL (and the task hub's table
/// for <c>status</c>) only: no engine starts, so each answers in well under a second.
/// </summary>
internal static class BatchCommands
{
    private const int ListLimit = 200;

    /// <summary><c>outreach batches [--campaign C] [--status S] [--json]</c>.</summary>
    public static Command Batches()
    {
        var campaign = new Option<string?>("--campaign") { Description = "Only this campaign's batches (id, id prefix or name, any case)." };
        var status = new Option<string?>("--status") { Description = $"Only batches of this status: {Labels<BatchStatus>()}." };
        var json = CliOptions.Json();
        return new Command("batches", "List batches, newest first.") { campaign, status, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            Guid? campaignId = null;
            if (cli.Parse.GetValue(campaign) is { } reference)
            {
                campaignId = await References.CampaignIdAsync(services, reference, cli.Cancellation);
            }

            var page = await services.GetRequiredService<BatchQueries>().ListAsync(campaignId, cli.Parse.GetValue(status), 1, ListLimit, cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                page.Items,
                page.Total,
                ["ID", "CAMPAIGN", "FILE", "STATUS", "PROSPECTS", "EMAILS", "FAILED", "SKIPPED", "CREATED"],
                b =>
                [
                    b.Id.ToString(), b.CampaignName, b.Name, b.Status, Number(b.TotalProspects), Number(b.GeneratedEmails), Number(b.FailedProspects), Number(b.SkippedProspects),
                    b.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ],
                "No batches match.");
        });
    }

    /// <summary><c>outreach status &lt;batch&gt; [--json]</c>: the batch, its failures by reason and its rejected rows.</summary>
    public static Command Status()
    {
        var batch = BatchArgument();
        var json = CliOptions.Json();
        return new Command("status", "Show a batch: counters, job, failures by reason, rejected rows.") { batch, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var view = await services.GetRequiredService<BatchQueries>().GetAsync(batchId, RuntimeStatusFromTaskHub(cli), cli.Cancellation)
                ?? throw new CliException(ExitCodes.BadInput, $"No batch {batchId}.");
            await BatchReport.PrintAsync(cli, services, view, cli.Parse.GetValue(json), elapsed: null, localResults: null);
            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach prospects &lt;batch&gt; [--status S] [--json]</c>.</summary>
    public static Command Prospects()
    {
        var batch = BatchArgument();
        var status = new Option<string?>("--status") { Description = $"Only prospects of this status: {Labels<ProspectStatus>()}." };
        var json = CliOptions.Json();
        return new Command("prospects", "List a batch's prospects in file order.") { batch, status, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var page = await services.GetRequiredService<ProspectQueries>().ListAsync(batchId, cli.Parse.GetValue(status), 1, ListLimit, cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                page.Items,
                page.Total,
                ["#", "NAME", "EMAIL", "COMPANY", "STATUS", "REASON"],
                p => [Number(p.Ordinal), p.Name, p.Email, p.Company, p.Status, p.ErrorMessage],
                "No prospects match.");
        });
    }

    /// <summary><c>outreach emails &lt;batch&gt; [--review S] [--json]</c>.</summary>
    public static Command Emails()
    {
        var batch = BatchArgument();
        var review = new Option<string?>("--review") { Description = $"Only emails of this review status: {Labels<ReviewStatus>()}." };
        var json = CliOptions.Json();
        return new Command("emails", "List a batch's generated emails with their review status and quality flags.") { batch, review, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var page = await services.GetRequiredService<ProspectQueries>().EmailsAsync(batchId, cli.Parse.GetValue(review), 1, ListLimit, cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                page.Items,
                page.Total,
                ["ID", "TO", "SUBJECT", "REVIEW", "FLAGS"],
                e => [e.Id.ToString(), e.Email, e.Subject, e.ReviewStatus, string.Join(", ", e.QualityFlags)],
                "No emails match.");
        });
    }

    /// <summary><c>outreach export &lt;batch&gt; [--out FILE] [--approved] [--format generic|instantly|smartlead|lemlist]</c>: the CSV of <c>GET /api/batches/{id}/emails.csv</c>.</summary>
    public static Command Export()
    {
        var batch = BatchArgument();
        var output = new Option<string?>("--out") { Description = "Where to write the CSV (default emails-<batchId>.csv here; - for stdout)." };
        var approved = new Option<bool>("--approved") { Description = "Only approved emails." };
        var format = new Option<string>("--format") { Description = "Column layout: generic (every column), or a sequencer's CSV import: instantly, smartlead, lemlist.", DefaultValueFactory = _ => "generic" };
        format.AcceptOnlyFromAmong("generic", "instantly", "smartlead", "lemlist");
        return new Command("export", "Write a batch's emails as CSV (RFC 4180, UTF-8 with BOM, formula-injection safe).") { batch, output, approved, format }.Does(async cli =>
        {
            var layout = Enum.Parse<ExportFormat>(cli.Parse.GetValue(format)!, ignoreCase: true);
            var services = await cli.ServicesAsync();
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var approvedOnly = cli.Parse.GetValue(approved);
            var path = cli.Parse.GetValue(output) ?? $"emails-{batchId:D}{(approvedOnly ? "-approved" : string.Empty)}{(layout == ExportFormat.Generic ? string.Empty : "-" + layout.ToString().ToLowerInvariant())}.csv";
            await using var db = await Contexts(services).CreateDbContextAsync(cli.Cancellation);
            if (path == "-")
            {
                await ResultsWriter.WriteEmailsAsync(db, batchId, approvedOnly, cli.Output, cli.Cancellation, layout);
                return ExitCodes.Ok;
            }

            // Written beside the target and moved into place, so a stopped export never leaves half a file under the name.
            var full = Path.GetFullPath(path);
            var partial = full + ".partial";
            await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            {
                await ResultsWriter.WriteEmailsAsync(db, batchId, approvedOnly, writer, cli.Cancellation, layout);
            }

            File.Move(partial, full, overwrite: true);
            await cli.Error.WriteLineAsync($"Wrote {full} ({(approvedOnly ? "approved emails" : "emails")} of batch {batchId}).");
            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach review &lt;email&gt; approve|reject [--note TEXT]</c>.</summary>
    public static Command Review()
    {
        var email = new Argument<string>("email") { Description = "The email's id or a unique prefix of it (`outreach emails <batch>` lists them)." };
        var verdict = new Argument<string>("verdict") { Description = "approve or reject." };
        verdict.AcceptOnlyFromAmong("approve", "reject");
        var note = new Option<string?>("--note") { Description = "Why (kept with the verdict; shown by the API and the console)." };
        var json = CliOptions.Json();
        return new Command("review", "Approve or reject a generated email.") { email, verdict, note, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var emailId = await References.EmailAsync(services, cli.Parse.GetValue(email)!, cli.Cancellation);
            var status = cli.Parse.GetValue(verdict) == "approve" ? ReviewStatus.Approved : ReviewStatus.Rejected;
            var view = await services.GetRequiredService<EmailReview>().ReviewAsync(emailId, new ReviewRequest(StatusLabel.Of(status), cli.Parse.GetValue(note)), cli.Cancellation);

            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(view, CliJson.Options));
            }
            else
            {
                await cli.Output.WriteLineAsync($"Email {view.Id} to {view.Email}: {view.ReviewStatus}.");
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach approve &lt;batch&gt;</c>: approves every email waiting for review with nothing flagged.</summary>
    public static Command Approve()
    {
        var batch = BatchArgument();
        return new Command("approve", "Approve every email of a batch that waits for review with nothing flagged (read the flagged ones yourself).") { batch }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var approved = await services.GetRequiredService<EmailReview>().ApproveUnflaggedAsync(batchId, cli.Cancellation);
            await cli.Output.WriteLineAsync($"Approved {approved} unflagged email(s) of batch {batchId}; `outreach emails {batchId} --review needs_attention` lists the flagged ones.");
            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach edit &lt;email&gt; [--subject TEXT] [--body-file FILE|-]</c>: a reviewer's edit, as <c>PUT /api/emails/{id}</c>.</summary>
    public static Command Edit()
    {
        var email = new Argument<string>("email") { Description = "The email's id or a unique prefix of it." };
        var subject = new Option<string?>("--subject") { Description = "The new subject (default: keep it)." };
        var bodyFile = new Option<string?>("--body-file") { Description = "A file with the new body, or - for stdin (default: keep it)." };
        var json = CliOptions.Json();
        return new Command("edit", "Edit an email's subject or body; the quality gate checks it again and the review starts over.") { email, subject, bodyFile, json }.Does(async cli =>
        {
            if (cli.Parse.GetValue(subject) is null && cli.Parse.GetValue(bodyFile) is null)
            {
                throw new CliException(ExitCodes.BadInput, "Nothing to change: give --subject, --body-file, or both.");
            }

            var services = await cli.ServicesAsync();
            var emailId = await References.EmailAsync(services, cli.Parse.GetValue(email)!, cli.Cancellation);
            var current = await services.GetRequiredService<ProspectQueries>().EmailAsync(emailId, cli.Cancellation);
            var body = cli.Parse.GetValue(bodyFile) switch
            {
                null => current.Body,
                "-" => await Console.In.ReadToEndAsync(cli.Cancellation),
                var path when File.Exists(path) => await File.ReadAllTextAsync(path, cli.Cancellation),
                var path => throw new CliException(ExitCodes.BadInput, $"No such file: {Path.GetFullPath(path)}"),
            };
            var view = await services.GetRequiredService<EmailReview>().EditAsync(emailId, new EmailEdit(cli.Parse.GetValue(subject) ?? current.Subject, body), cli.Cancellation);
            await cli.Output.WriteLineAsync(cli.Parse.GetValue(json)
                ? JsonSerializer.Serialize(view, CliJson.Options)
                : $"Email {view.Id} to {view.Email} edited: {view.ReviewStatus}{(view.QualityFlags.Count > 0 ? $" — {string.Join("; ", view.QualityFlags)}" : string.Empty)}.");
            return ExitCodes.Ok;
        });
    }

    /// <summary>The batch argument every batch verb takes.</summary>
    internal static Argument<string> BatchArgument() => new("batch") { Description = "The batch's id or a unique prefix of it (`outreach batches` lists them)." };

    // The orchestration's runtime status read straight from the task hub's table, so no engine has to run; "unknown"
    // (null) when storage does not answer within a few seconds — the batch's own status is in PostgreSQL.
    private static Func<string, CancellationToken, Task<string?>> RuntimeStatusFromTaskHub(CliContext cli) => async (instanceId, cancellationToken) =>
    {
        try
        {
            return await TaskHubInstances.RuntimeStatusAsync(cli.Configuration, instanceId, cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    };

    private static IDbContextFactory<OutreachDbContext> Contexts(IServiceProvider services) => services.GetRequiredService<IDbContextFactory<OutreachDbContext>>();

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Labels<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => StatusLabel.Of(v)));
}
