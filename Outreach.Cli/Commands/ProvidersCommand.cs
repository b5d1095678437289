using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary><c>outreach providers [--json]</c>: each provider — enabled, key set or not, model, rate — as <c>GET /api/providers</c> shows it.</summary>
internal static class ProvidersCommand
{
    public static Command Create()
    {
        var json = CliOptions.Json();
        return new Command("providers", "List the enrichment and model providers: enabled, key set or not, model, rate.") { json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync();
            var providers = await services.GetRequiredService<ProviderCatalog>().ListAsync(cli.Cancellation);
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
