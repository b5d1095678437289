using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Outreach.Domain.Persistence;

namespace Outreach.Functions.Providers;

/// <summary>A provider's effective settings: its api_configurations row (if any) over the app settings. The key is resolved, never stored.</summary>
/// <param name="Provider">openrouter, gemini, enrichlayer, firecrawl or builtwith.</param>
/// <param name="Enabled">False when the row disables the provider.</param>
/// <param name="Model">The row's model, if it names one.</param>
/// <param name="Temperature">The row's temperature, if set.</param>
/// <param name="MaxTokens">The row's max_tokens, if set.</param>
/// <param name="PromptTemplates">The row's prompt templates (analysis_system, email_system).</param>
/// <param name="ApiKey">The key, read from the setting the row names (or the provider's own key setting).</param>
public sealed record EffectiveProviderSettings(
    string Provider, bool Enabled, string? Model, float? Temperature, int? MaxTokens, IReadOnlyDictionary<string, string> PromptTemplates, string? ApiKey)
{
    /// <summary>Enabled and with a key.</summary>
    public bool IsUsable => Enabled && !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Keeps the key out of logs and exception messages that print the record.</summary>
    public override string ToString() =>
        $"{Provider} (enabled: {Enabled}, model: {Model ?? "default"}, key: {(string.IsNullOrWhiteSpace(ApiKey) ? "not set" : "set")})";
}

/// <summary>
/// Reads api_configurations rows (cached briefly, so a change through the API applies within seconds without a
/// query per prospect) and resolves each provider's key from configuration: from the setting the row's
/// secret_setting names, else from <c>Providers__{Name}__ApiKey</c>. Keys never touch the database.
/// </summary>
public sealed class ProviderSettingsStore(IDbContextFactory<OutreachDbContext> contexts, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, EffectiveProviderSettings Settings)> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The effective settings of <paramref name="provider"/>; <paramref name="defaultKeySetting"/> is the app setting used when no row names one.</summary>
    public async Task<EffectiveProviderSettings> GetAsync(string provider, string defaultKeySetting, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(provider, out var hit) && now - hit.At < CacheFor)
        {
            return hit.Settings;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Providers are stored lower-case (ApiConfiguration normalizes), so an equality keeps the unique index usable.
        var key = provider.ToLowerInvariant();
        var row = await db.ApiConfigurations.AsNoTracking().SingleOrDefaultAsync(a => a.Provider == key, cancellationToken);
        var settings = row is null
            ? new EffectiveProviderSettings(provider, true, null, null, null, new Dictionary<string, string>(), Setting(defaultKeySetting))
            : new EffectiveProviderSettings(provider, row.Enabled, row.Model, row.Temperature, row.MaxTokens, row.PromptTemplates, Setting(row.SecretSetting));
        _cache[provider] = (now, settings);
        return settings;
    }

    /// <summary>The settings of a provider about to be called; throws when it has no key or is disabled (callers ask <see cref="EffectiveProviderSettings.IsUsable"/> first).</summary>
    public async Task<EffectiveProviderSettings> GetUsableAsync(string provider, string defaultKeySetting, string displayName, CancellationToken cancellationToken)
    {
        var settings = await GetAsync(provider, defaultKeySetting, cancellationToken);
        return settings.IsUsable ? settings : throw new InvalidOperationException($"{displayName} is not configured ({defaultKeySetting}) or is disabled.");
    }

    /// <summary>Forgets cached rows (after an update through the API).</summary>
    public void Invalidate() => _cache.Clear();

    // Settings arrive as environment variables (Providers__OpenRouter__ApiKey), which configuration exposes with ':'.
    private string? Setting(string name) => configuration[name.Replace("__", ":", StringComparison.Ordinal)] ?? configuration[name];
}
