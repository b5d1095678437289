using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Outreach.Data.Reads;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// Reads api_configurations rows (cached briefly, so a change through the API applies within seconds without a
/// query per prospect) and resolves each provider's key from configuration: from the setting the row's
/// secret_setting names, else from <c>Providers__{Name}__ApiKey</c>. Keys never touch the database.
/// </summary>
public sealed class ProviderSettingsStore(ProviderReads reads, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, EffectiveProviderSettings Settings)> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The effective settings of <paramref name="descriptor"/>'s provider; its key setting is used when no row names one.</summary>
    public async Task<EffectiveProviderSettings> GetAsync(ProviderDescriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var (provider, defaultKeySetting) = (descriptor.Id, descriptor.KeySetting);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(provider, out var hit) && now - hit.At < CacheFor)
        {
            return hit.Settings;
        }

        // Providers are stored lower-case (ApiConfiguration normalizes), so an equality keeps the unique index usable.
        var row = await reads.GetAsync(provider.ToLowerInvariant(), cancellationToken);
        var settings = row is null
            ? new EffectiveProviderSettings(provider, true, null, null, null, new Dictionary<string, string>(), SecretSetting.Read(configuration, defaultKeySetting), descriptor.Keyless)
            : new EffectiveProviderSettings(provider, row.Enabled, row.Model, row.Temperature, row.MaxTokens, row.PromptTemplates, SecretSetting.Read(configuration, row.SecretSetting), descriptor.Keyless);
        _cache[provider] = (now, settings);
        return settings;
    }

    /// <summary>The settings of a provider about to be called; throws when it has no key or is disabled (callers ask <see cref="EffectiveProviderSettings.IsUsable"/> first).</summary>
    public async Task<EffectiveProviderSettings> GetUsableAsync(ProviderDescriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var settings = await GetAsync(descriptor, cancellationToken);
        return settings.IsUsable ? settings : throw new InvalidOperationException($"{descriptor.DisplayName} is not configured ({descriptor.KeySetting}) or is disabled.");
    }

    /// <summary>Forgets cached rows (after an update through the API).</summary>
    public void Invalidate() => _cache.Clear();
}
