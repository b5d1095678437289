using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Functions.Providers.Common;

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

/// <summary>
/// Changes a provider's api_configurations row through EF Core and answers with what <see cref="ProviderQueries"/> reads
/// back, so a provider's view has one mapping.
/// </summary>
public sealed class ProviderCatalog(IDbContextFactory<OutreachDbContext> contexts, ProviderQueries queries, ProviderSettingsStore store, TimeProvider clock)
{
    /// <summary>Creates or replaces the provider's row; the change applies to new calls within seconds.</summary>
    public async Task<ProviderView> PutAsync(string provider, ProviderUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var name = ProviderQueries.KnownName(provider);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiConfigurations.SingleOrDefaultAsync(r => r.Provider == name, cancellationToken);
        var now = clock.GetUtcNow();
        var secret = update.SecretSetting ?? row?.SecretSetting ?? ProviderQueries.Known[name];
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
        return await queries.GetAsync(name, cancellationToken);
    }

    /// <summary>Changes only the settings <paramref name="change"/> gives (a null keeps the stored value), then stores the row as <see cref="PutAsync"/> does.</summary>
    public async Task<ProviderView> ChangeAsync(string provider, ProviderUpdate change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var name = ProviderQueries.KnownName(provider);
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
}
