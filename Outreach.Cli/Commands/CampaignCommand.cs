using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Domain.Entities;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach campaigns</c>, <c>outreach campaign show &lt;id|name&gt;</c> and <c>outreach campaign apply &lt;campaign.json&gt;</c>:
/// list, read, and create-or-update from a file (printing what changed), through <see cref="Catalog"/> like the API.
/// </summary>
internal static class CampaignCommand
{
    /// <summary><c>outreach campaigns [--json]</c>.</summary>
    public static Command List()
    {
        var json = CliOptions.Json();
        return new Command("campaigns", "List the campaigns, newest first.") { json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var page = await services.GetRequiredService<CatalogQueries>().CampaignsAsync(1, 1000, cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                page.Items,
                page.Total,
                ["ID", "NAME", "ENRICHMENT", "VERIFICATION", "CREATED"],
                c => [c.Id.ToString(), c.Name, string.Join(",", c.EnrichmentFlags), c.Verification, c.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)],
                "No campaigns yet: `outreach campaign apply <campaign.json>` creates one (see samples/campaign.json).");
        });
    }

    /// <summary><c>outreach services [--json]</c>: what the campaigns sell (a campaign file creates its service).</summary>
    public static Command Services()
    {
        var json = CliOptions.Json();
        return new Command("services", "List the services campaigns sell, newest first (a campaign file creates its own).") { json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var page = await services.GetRequiredService<CatalogQueries>().ServicesAsync(1, 1000, cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                page.Items,
                page.Total,
                ["ID", "NAME", "VALUE PROPOSITION"],
                s => [s.Id.ToString(), s.Name, s.ValueProposition],
                "No services yet: `outreach campaign apply <campaign.json>` creates one with its campaign.");
        });
    }

    /// <summary><c>outreach campaign show|apply</c>.</summary>
    public static Command Create() => new("campaign", "Show a campaign, or create or update one from a JSON file.") { Show(), Apply() };

    /// <summary>
    /// The campaign <c>--campaign</c> names: a JSON file is applied (created, or updated with its changes printed), anything
    /// else is an id, an id prefix or a name (any case). Fails at once, naming the campaigns there are, closest first.
    /// </summary>
    public static async Task<Campaign> ResolveAsync(CliContext cli, IServiceProvider services, string argument)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(services);
        if (argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var applied = await ApplyFileAsync(cli, services, new FileInfo(argument));
            return await References.CampaignAsync(services, applied.Campaign.Id.ToString(), cli.Cancellation);
        }

        var campaign = await References.CampaignAsync(services, argument, cli.Cancellation);
        await cli.Error.WriteLineAsync($"Campaign '{campaign.Name}' ({campaign.Id}).");
        return campaign;
    }

    private static Command Show()
    {
        var reference = new Argument<string>("campaign") { Description = "The campaign's id, id prefix or name (any case)." };
        var json = CliOptions.Json();
        return new Command("show", "Show one campaign: its templates, prompt, sources and limits.") { reference, json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var campaignId = await References.CampaignIdAsync(services, cli.Parse.GetValue(reference)!, cli.Cancellation);
            var view = (await services.GetRequiredService<CatalogQueries>().CampaignAsync(campaignId, cli.Cancellation))!;
            var service = await services.GetRequiredService<CatalogQueries>().ServiceAsync(view.ServiceId, cli.Cancellation);
            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(view, CliJson.Options));
                return ExitCodes.Ok;
            }

            var o = cli.Output;
            await o.WriteLineAsync($"Campaign '{view.Name}' ({view.Id}), created {view.CreatedAt:yyyy-MM-dd HH:mm}");
            await o.WriteLineAsync($"  service: {service?.Name} — {service?.ValueProposition}");
            await o.WriteLineAsync($"  enrichment: {Listed(view.EnrichmentFlags)}; required: {Listed(view.RequiredEnrichment)}");
            await o.WriteLineAsync($"  dedupe: {view.DedupeScope}; verification: {view.Verification}");
            await o.WriteLineAsync($"  limits: subject ≤ {view.MaxSubjectChars} characters, body {view.MinBodyWords}–{view.MaxBodyWords} words");
            var sender = string.Join(", ", new[] { view.SenderName, view.SenderTitle, view.SenderCompany }.Where(s => !string.IsNullOrWhiteSpace(s)));
            await o.WriteLineAsync($"  sender: {(sender.Length > 0 ? sender : "(none)")}");
            await o.WriteLineAsync($"  subject: {view.EmailSubject}");
            await o.WriteLineAsync("  prompt:");
            await o.WriteLineAsync(Indented(view.Prompt));
            if (view.EmailBody is { Length: > 0 } body)
            {
                await o.WriteLineAsync("  body template:");
                await o.WriteLineAsync(Indented(body));
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Apply()
    {
        var file = new Argument<FileInfo>("file") { Description = "A campaign JSON file (the body of POST /api/campaigns, like samples/campaign.json)." };
        var json = CliOptions.Json();
        return new Command("apply", "Create the campaign a JSON file describes, or update the campaign of that name, printing what changed.") { file, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var applied = await ApplyFileAsync(cli, services, cli.Parse.GetValue(file)!);
            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(applied, CliJson.Options));
            }

            return ExitCodes.Ok;
        });
    }

    private static async Task<CampaignApplied> ApplyFileAsync(CliContext cli, IServiceProvider services, FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.BadInput, $"No such file: {file.FullName}");
        }

        CampaignRequest request;
        try
        {
            request = CampaignRequest.Parse(await File.ReadAllTextAsync(file.FullName, cli.Cancellation));
        }
        catch (Domain.StatusRules.DomainValidationException ex)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {ex.Message}");
        }

        CampaignApplied applied;
        try
        {
            applied = await services.GetRequiredService<Catalog>().ApplyCampaignAsync(request, cli.Cancellation);
        }
        catch (Domain.StatusRules.DomainValidationException ex)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {ex.Message}");
        }

        var c = applied.Campaign;
        if (applied.Created)
        {
            await cli.Error.WriteLineAsync($"Created campaign '{c.Name}' ({c.Id}) from {file.Name}.");
        }
        else if (applied.Changes.Count == 0)
        {
            await cli.Error.WriteLineAsync($"Campaign '{c.Name}' ({c.Id}) is as {file.Name} describes it.");
        }
        else
        {
            await cli.Error.WriteLineAsync($"Updated campaign '{c.Name}' ({c.Id}) from {file.Name}:");
            foreach (var change in applied.Changes)
            {
                await cli.Error.WriteLineAsync($"  {change}");
            }

            await cli.Error.WriteLineAsync("  New work uses these settings; emails already written keep theirs (`outreach retry <batch> --type generation --all` rewrites them).");
        }

        return applied;
    }

    private static string Listed(IReadOnlyList<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);

    private static string Indented(string text) => string.Join(Environment.NewLine, text.Split('\n').Select(l => "    " + l.TrimEnd('\r')));
}
