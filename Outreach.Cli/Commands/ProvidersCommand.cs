using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach providers [--json]</c>: each provider — enabled, key set or not, model, rate — as <c>GET /api/providers</c>
/// shows it; <c>outreach provider &lt;name&gt; --enabled/--model/…</c> changes its stored settings as
/// <c>PUT /api/providers/{provider}</c> does (never a key: keys live in configuration).
/// </summary>
internal static class ProvidersCommand
{
    /// <summary><c>outreach provider &lt;name&gt; [--enabled true|false] [--model M] [--temperature T] [--max-tokens N] [--json]</c>.</summary>
    public static Command Set()
    {
        var name = new Argument<string>("provider") { Description = "The provider (`outreach providers` lists them)." };
        var enabled = new Option<bool?>("--enabled") { Description = "Turn the provider on or off (true or false)." };
        var model = new Option<string?>("--model") { Description = "The model to use instead of the configured default." };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature for a model provider." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens a model may answer with." };
        var json = CliOptions.Json();
        return new Command("provider", "Change a provider's stored settings (enabled, model, temperature, max tokens); keys stay in configuration.")
        {
            name, enabled, model, temperature, maxTokens, json,
        }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var view = await services.GetRequiredService<ProviderCatalog>().ChangeAsync(
                cli.Parse.GetValue(name)!,
                new ProviderUpdate(cli.Parse.GetValue(enabled), cli.Parse.GetValue(model), cli.Parse.GetValue(temperature), cli.Parse.GetValue(maxTokens), null, null, null),
                cli.Cancellation);
            await cli.Output.WriteLineAsync(cli.Parse.GetValue(json)
                ? JsonSerializer.Serialize(view, CliJson.Options)
                : $"{view.Provider}: {(view.Enabled ? "enabled" : "disabled")}, model {view.Model ?? view.DefaultModel ?? "-"}, temperature {view.Temperature?.ToString(CultureInfo.InvariantCulture) ?? "-"}, max tokens {view.MaxTokens?.ToString(CultureInfo.InvariantCulture) ?? "-"}.");
            return ExitCodes.Ok;
        });
    }

    public static Command Create()
    {
        var json = CliOptions.Json();
        return new Command("providers", "List the enrichment and model providers: enabled, key set or not, model, rate.") { json }.Does(async cli =>
        {
            var services = await cli.QueriesAsync();
            var providers = await services.GetRequiredService<ProviderQueries>().ListAsync(cli.Cancellation);
            return await CliTable.ListAsync(
                cli,
                cli.Parse.GetValue(json),
                providers,
                providers.Count,
                ["PROVIDER", "ENABLED", "KEY", "MODEL", "RATE"],
                p =>
                [
                    p.Provider,
                    p.Enabled ? "yes" : "no",
                    p.Keyless ? "keyless (Entra ID)" : p.KeyIsSet ? $"set ({p.SecretSetting})" : $"not set ({p.SecretSetting})",
                    p.Model ?? p.DefaultModel ?? "-",
                    p.RequestsPerSecond is { } rate ? $"{rate.ToString("0.##", CultureInfo.InvariantCulture)}/s" : "-",
                ],
                "No providers.");
        });
    }
}
