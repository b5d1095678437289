using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Cli.Hosting;
using Outreach.Functions;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// One record at a time, as the API's record routes show them: <c>prospect</c> (with its enrichment, analysis,
/// facts and email), <c>email</c> (the whole email a reviewer reads), <c>upload</c>, <c>job</c> — and <c>health</c>.
/// </summary>
internal static class RecordCommands
{
    /// <summary><c>outreach prospect &lt;id&gt; [--json]</c>: the shape of <c>GET /api/prospects/{id}</c>.</summary>
    public static Command Prospect()
    {
        var id = new Argument<string>("prospect") { Description = "The prospect's id or a unique prefix of it (`outreach prospects <batch>` lists them)." };
        var json = CliOptions.Json();
        return new Command("prospect", "Show a prospect: its row, address check, enrichment, analysis, facts with their sources, and its email.") { id, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var prospectId = await References.ProspectAsync(services, cli.Parse.GetValue(id)!, cli.Cancellation);
            var p = await services.GetRequiredService<ProspectQueries>().GetAsync(prospectId, cli.Cancellation)
                ?? throw new CliException(ExitCodes.BadInput, $"No prospect {prospectId}.");
            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(p, CliJson.Options));
                return ExitCodes.Ok;
            }

            var o = cli.Output;
            await o.WriteLineAsync($"Prospect {p.Id} (#{p.Ordinal} of batch {p.BatchId}): {p.Status}{(p.ErrorMessage is { } error ? $" — {error}" : string.Empty)}");
            await o.WriteLineAsync($"  {p.Name} <{p.Email}>{(p.Title is null ? string.Empty : $", {p.Title}")}{(p.Company is null ? string.Empty : $" at {p.Company}")}");
            await o.WriteLineAsync($"  linkedin: {p.LinkedinUrl ?? "-"}; website: {p.Website ?? "-"}; address check: {p.EmailVerification ?? "-"}{(p.EmailVerificationReason is { } why ? $" ({why})" : string.Empty)}");
            if (p.Enrichment is { } e)
            {
                var sources = string.Join(", ", e.Sources.Select(s => $"{s.Key} {s.Value.Status}{(s.Value.Error is null ? string.Empty : $" ({s.Value.Error})")}"));
                await o.WriteLineAsync($"  enrichment {e.Status}: {sources}");
            }

            if (p.Analysis is { } a)
            {
                await o.WriteLineAsync($"  analysis (confidence {a.ConfidenceScore?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"}, {a.Model ?? "no model"}): {a.SuggestedApproach}");
            }

            if (p.Facts.Count > 0)
            {
                await o.WriteLineAsync("  facts (* used by the email):");
                foreach (var fact in p.Facts)
                {
                    await o.WriteLineAsync($"    {(fact.UsedByEmail ? "*" : " ")} {fact.Id} [{fact.Source}] {fact.Text}");
                }
            }

            if (p.GeneratedEmail is { } email)
            {
                await o.WriteLineAsync($"  email {email.Id}: {email.ReviewStatus} — `outreach email {email.Id}` shows it");
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach email &lt;id&gt; [--json]</c>: one email as a reviewer reads it.</summary>
    public static Command Email()
    {
        var id = new Argument<string>("email") { Description = "The email's id or a unique prefix of it (`outreach emails <batch>` lists them)." };
        var json = CliOptions.Json();
        return new Command("email", "Show one generated email: subject, body, quality flags, the facts it rests on and its review.") { id, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var emailId = await References.EmailAsync(services, cli.Parse.GetValue(id)!, cli.Cancellation);
            var email = await services.GetRequiredService<ProspectQueries>().EmailAsync(emailId, cli.Cancellation);
            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(email, CliJson.Options));
                return ExitCodes.Ok;
            }

            var o = cli.Output;
            await o.WriteLineAsync($"To: {email.Name} <{email.Email}>{(email.Company is null ? string.Empty : $" ({email.Company})")}");
            await o.WriteLineAsync($"Subject: {email.Subject}");
            await o.WriteLineAsync();
            await o.WriteLineAsync(email.Body);
            await o.WriteLineAsync();
            await o.WriteLineAsync($"Review: {email.ReviewStatus}{(email.ReviewNote is { } note ? $" — {note}" : string.Empty)}   ({email.Id}, {email.Model ?? "template"}{(email.EditedAt is { } edited ? $", edited {edited:yyyy-MM-dd HH:mm}" : string.Empty)})");
            if (email.QualityFlags.Count > 0)
            {
                await o.WriteLineAsync($"Flags: {string.Join("; ", email.QualityFlags)}");
            }

            foreach (var fact in email.FactsUsed)
            {
                await o.WriteLineAsync($"  rests on {fact.Id} [{fact.Source}] {fact.Text}");
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach upload &lt;id&gt;</c>: the shape of <c>GET /api/uploads/{id}</c>, as JSON.</summary>
    public static Command Upload()
    {
        var id = new Argument<string>("upload") { Description = "The upload's id or a unique prefix of it." };
        return new Command("upload", "Show an upload as JSON: status, rows, rejected rows, notes, its batch.") { id }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var uploadId = await References.UploadAsync(services, cli.Parse.GetValue(id)!, cli.Cancellation);
            var upload = await services.GetRequiredService<UploadQueries>().GetAsync(uploadId, cli.Cancellation);
            await cli.Output.WriteLineAsync(JsonSerializer.Serialize(upload, CliJson.Options));
            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach job &lt;id&gt;</c>: the shape of <c>GET /api/jobs/{id}</c>, as JSON.</summary>
    public static Command Job()
    {
        var id = new Argument<string>("job") { Description = "The job's id or a unique prefix of it." };
        return new Command("job", "Show a processing job as JSON: type, status, progress.") { id }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var jobId = await References.JobAsync(services, cli.Parse.GetValue(id)!, cli.Cancellation);
            var job = await services.GetRequiredService<JobQueries>().GetAsync(jobId, cli.Cancellation);
            await cli.Output.WriteLineAsync(JsonSerializer.Serialize(job, CliJson.Options));
            return ExitCodes.Ok;
        });
    }

    /// <summary><c>outreach health</c>: what <c>GET /api/health</c> checks; exit 0 when healthy, 3 when not.</summary>
    public static Command Health() => new Command("health", "Check PostgreSQL and storage as GET /api/health does.").Does(async cli =>
    {
        // The API's check over the read side's data source and a storage client of its own: nothing of the app is
        // built for two round trips.
        var services = await cli.QueriesAsync(storage: true);
        var health = new HealthCheck(services.GetRequiredService<NpgsqlDataSource>(), StorageClients.Create(cli.Configuration));
        var report = await health.CheckAsync(cli.Cancellation);
        foreach (var (check, result) in report.Checks)
        {
            await cli.Output.WriteLineAsync($"{check}: {result}");
        }

        return report.Failed.Any() ? ExitCodes.Unavailable : ExitCodes.Ok;
    });
}
