using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Application.Erasure;

namespace Outreach.Cli.Commands;

/// <summary><c>outreach forget &lt;email&gt;</c>: the right to erasure, through <see cref="PersonErasure"/> like <c>DELETE /api/people</c>.</summary>
internal static class ForgetCommand
{
    /// <summary><c>outreach forget &lt;email&gt; [--json]</c>.</summary>
    public static Command Create()
    {
        var email = new Argument<string>("email") { Description = "The person's email address." };
        var json = CliOptions.Json();
        return new Command("forget", "Erase a person from every table and file, then suppress them so no later file brings them back.") { email, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var report = await services.GetRequiredService<PersonErasure>().EraseAsync(cli.Parse.GetValue(email)!, cli.Cancellation);
            await cli.Output.WriteLineAsync(cli.Parse.GetValue(json)
                ? JsonSerializer.Serialize(report, CliJson.Options)
                : $"Forgot {report.Email}: {report.ProspectsErased} prospects in {report.Batches.Count} batches, {report.RejectedRowsRemoved} rejected rows, " +
                  $"{report.CompanyProfilesRemoved} cached company profiles, {report.BlobsRewritten.Count} files rewritten; suppressed so no file brings them back.");
            return ExitCodes.Ok;
        });
    }
}
