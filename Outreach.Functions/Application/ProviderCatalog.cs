using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Functions.Providers;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Llm;

namespace Outreach.Functions.Application;

/// <summary>
/// A provider's adjustable settings as the API shows them: never the key, only whether its setting is set; with the
/// configured rate (<c>Providers__X__RequestsPerSecond</c>) and, for a model provider, the configured default model
/// that <c>Model</c> (the stored override) replaces when set.
/// </summary>
public sealed record ProviderView(
    string Provider, bool Enabled, string? Model, float? Temperature, int? MaxTokens, IReadOnlyDictionary<string, string> PromptTemplates,
    string SecretSetting, bool KeyIsSet, bool Stored, bool Keyless = false, double? RequestsPerSecond = null, string? DefaultModel = null);

/// <summary>The body of <c>PUT /api/providers/{provider}</c>.</summary>
public sealed record ProviderUpdate(
    bool? Enabled, string? Model, float? Temperature, int? MaxTokens, IReadOnlyDictionary<string, string>? PromptTemplates,
    IReadOnlyDictionary<string, string>? IndustryMappings, string? SecretSetting);

/// <summary>The api_configurations rows, one per known provider, with defaults for providers that have none.</summary>
public sealed class ProviderCatalog(
    IDbContextFactory<OutreachDbContext> contexts, IConfiguration configuration, ProviderSettingsStore store, IServiceProvider services, TimeProvider clock)
{
    /// <summary>The providers this app knows, with the setting that holds each key by default.</summary>
    public static IReadOnlyDictionary<string, string> Known { get; } =
        ProviderRegistration.Descriptors.ToDictionary(d => d.Id, d => d.KeySetting, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known provider.</summary>
    public async Task<IReadOnlyList<ProviderView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiConfigurations.AsNoTracking().ToDictionaryAsync(r => r.Provider, cancellationToken);
        return [.. Known.Keys.Select(p => View(p, rows.GetValueOrDefault(p)))];
    }

    /// <summary>One provider; a 404 for an unknown name.</summary>
    public async Task<ProviderView> GetAsync(string provider, CancellationToken cancellationToken)
    {
        var name = KnownName(provider);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return View(name, await db.ApiConfigurations.AsNoTracking().SingleOrDefaultAsync(r => r.Provider == name, cancellationToken));
    }

    /// <summary>Creates or replaces the provider's row; the change applies to new calls within seconds.</summary>
    public async Task<ProviderView> PutAsync(string provider, ProviderUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var name = KnownName(provider);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiConfigurations.SingleOrDefaultAsync(r => r.Provider == name, cancellationToken);
        var now = clock.GetUtcNow();
        var secret = update.SecretSetting ?? row?.SecretSetting ?? Known[name];
        if (row is null || row.SecretSetting != secret)
        {
            // The secret setting is fixed at creation (a name, validated so a pasted key is refused): replace the row.
            if (row is not null)
            {
                db.ApiConfigurations.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
            }

            row = new ApiConfiguration(name, secret, now);
            db.ApiConfigurations.Add(row);
        }

        row.Configure(update.Enabled ?? true, update.Model, update.Temperature, update.MaxTokens, update.PromptTemplates, update.IndustryMappings, now);
        await db.SaveChangesAsync(cancellationToken);
        store.Invalidate();
        return View(name, row);
    }

    /// <summary>Changes only the settings <paramref name="change"/> gives (a null keeps the stored value), then stores the row as <see cref="PutAsync"/> does.</summary>
    public async Task<ProviderView> ChangeAsync(string provider, ProviderUpdate change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var name = KnownName(provider);
        ApiConfiguration? row;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            row = await db.ApiConfigurations.AsNoTracking().SingleOrDefaultAsync(r => r.Provider == name, cancellationToken);
        }

        return await PutAsync(
            name,
            new ProviderUpdate(
                change.Enabled ?? row?.Enabled,
                change.Model ?? row?.Model,
                change.Temperature ?? row?.Temperature,
                change.MaxTokens ?? row?.MaxTokens,
                change.PromptTemplates ?? row?.PromptTemplates,
                change.IndustryMappings ?? row?.IndustryMappings,
                change.SecretSetting),
            cancellationToken);
    }

    private static string KnownName(string provider) =>
        Known.ContainsKey(provider ?? string.Empty)
            ? provider!.ToLowerInvariant()
            : throw new ApiProblemException(404, $"No provider named '{provider}'; known: {string.Join(", ", Known.Keys)}.");

    private ProviderView View(string provider, ApiConfiguration? row)
    {
        var secret = row?.SecretSetting ?? Known[provider];
        var keySet = !string.IsNullOrWhiteSpace(configuration[secret.Replace("__", ":", StringComparison.Ordinal)] ?? configuration[secret]);
        // A keyless provider (Azure OpenAI) signs in as the app's identity: there is no key to be set.
        var keyless = ProviderRegistration.Descriptors.Single(d => d.Id == provider).Keyless;
        var options = services.GetKeyedService<ProviderOptions>(provider);
        var defaultModel = options is LlmOptions { Model.Length: > 0 } llm ? llm.Model : null;
        return row is null
            ? new ProviderView(provider, true, null, null, null, new Dictionary<string, string>(), secret, keySet, Stored: false, keyless, options?.RequestsPerSecond, defaultModel)
            : new ProviderView(
                provider, row.Enabled, row.Model, row.Temperature, row.MaxTokens, row.PromptTemplates, secret, keySet, Stored: true, keyless, options?.RequestsPerSecond, defaultModel);
    }
}
