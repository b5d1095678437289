using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Webhooks;

/// <summary>
/// The one list of receivers: those in settings (<c>settings:N</c>) and those added through the API (<c>api:{id}</c>,
/// whose secret is read from the setting the row names). Secrets come from configuration only and are registered
/// with the scrubber before anything can echo them.
/// </summary>
public sealed class WebhookReceivers(IDbContextFactory<OutreachDbContext> contexts, IOptionsMonitor<WebhookOptions> options, IConfiguration configuration)
{
    /// <summary>Every receiver.</summary>
    public async Task<IReadOnlyList<WebhookReceiver>> ListAsync(CancellationToken cancellationToken)
    {
        var fromSettings = options.CurrentValue.Endpoints.Select((e, i) => new WebhookReceiver($"settings:{i}", e.Url, Secret(e.Secret), "settings"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookEndpoints.AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
        return [.. fromSettings, .. rows.Select(r => new WebhookReceiver($"api:{r.Id:D}", r.Url, Secret(SecretSetting.Read(configuration, r.SecretSetting)), "api", r.Id, r.SecretSetting, r.Description))];
    }

    /// <summary>The receiver with <paramref name="key"/>, or null when it is gone.</summary>
    public async Task<WebhookReceiver?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(r => r.Key == key);

    private static string? Secret(string? value)
    {
        SecretScrubber.Register(value);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
