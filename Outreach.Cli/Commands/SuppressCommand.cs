using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Functions.Application.Suppressions;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach suppress add|remove|list|import</c>: the suppression list — who must not be contacted — through
/// <see cref="SuppressionList"/> like <c>/api/suppressions</c>. A suppressed address is rejected at import and left out
/// of every export.
/// </summary>
internal static class SuppressCommand
{
    /// <summary><c>outreach suppress …</c>.</summary>
    public static Command Create() => new("suppress", "Who must not be contacted: add, remove, list or import addresses and @domains.")
    {
        Add(), Remove(), List(), Import(),
    };

    private static Option<string?> ReasonOption(string description) => new("--reason") { Description = description };

    private static Command Add()
    {
        var value = new Argument<string>("value") { Description = "An email address, or a whole domain as @example.com." };
        var reason = ReasonOption("UNSUBSCRIBED, BOUNCED, CUSTOMER, COMPETITOR or MANUAL (the default).");
        var note = new Option<string?>("--note") { Description = "Why, for whoever reads the list later." };
        var json = CliOptions.Json();
        return new Command("add", "Suppress an address or a domain (adding it again updates its reason and note).") { value, reason, note, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var (row, created) = await services.GetRequiredService<SuppressionList>().AddAsync(
                new SuppressionRequest(cli.Parse.GetValue(value)!, cli.Parse.GetValue(reason), "cli", cli.Parse.GetValue(note)), cli.Cancellation);
            await cli.Output.WriteLineAsync(cli.Parse.GetValue(json)
                ? JsonSerializer.Serialize(row, CliJson.Options)
                : $"{(created ? "Suppressed" : "Updated")} {row.Value} ({row.Reason}): never imported, exported or pushed.");
            return ExitCodes.Ok;
        });
    }

    private static Command Remove()
    {
        var value = new Argument<string>("value") { Description = "The address or @domain to take off the list." };
        return new Command("remove", "Take an address or a domain off the suppression list.") { value }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var given = cli.Parse.GetValue(value)!;
            if (!await services.GetRequiredService<SuppressionList>().RemoveAsync(given, cli.Cancellation))
            {
                throw new CliException(ExitCodes.BadInput, $"'{given}' is not suppressed (`outreach suppress list` shows the list).");
            }

            await cli.Output.WriteLineAsync($"Removed {given} from the suppression list.");
            return ExitCodes.Ok;
        });
    }

    private static Command List()
    {
        var search = new Option<string?>("--search") { Description = "Only values containing this text." };
        var json = CliOptions.Json();
        return new Command("list", "List the suppressed addresses and domains, newest first.") { search, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var page = await services.GetRequiredService<SuppressionQueries>().ListAsync(cli.Parse.GetValue(search), 1, 1000, cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                page.Items,
                page.Total,
                ["VALUE", "REASON", "SOURCE", "NOTE", "ADDED"],
                s => [s.Value, s.Reason, s.Source ?? "-", s.Note ?? "-", s.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
                "Nobody is suppressed: `outreach suppress add <email|@domain>` adds one, `outreach suppress import <file.csv>` many.");
        });
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV with an email (or value, domain) column, and optional reason and note columns." };
        var reason = ReasonOption("The reason for rows that give none (default MANUAL).");
        var json = CliOptions.Json();
        return new Command("import", "Suppress every address or domain in a CSV file.") { file, reason, json }.Does(async cli =>
        {
            var path = cli.Parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException(ExitCodes.BadInput, $"No file {path.FullName}.");
            }

            var services = await cli.ServicesAsync();
            await using var stream = path.OpenRead();
            var result = await services.GetRequiredService<SuppressionList>().ImportAsync(stream, cli.Parse.GetValue(reason), path.Name, cli.Cancellation);
            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options));
            }
            else
            {
                await cli.Output.WriteLineAsync($"{result.Added} added, {result.Updated} updated, {result.Rejected.Count} refused.");
                foreach (var row in result.Rejected)
                {
                    await cli.Output.WriteLineAsync($"  line {row.Line}: {row.Reason}");
                }
            }

            return result.Rejected.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
    }
}
