using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Webhooks;

namespace Outreach.Functions.Application.Webhooks;

/// <summary>
/// <c>/api/webhooks</c>: the receivers (from settings and from the API) and their latest deliveries; adding one checks
/// its URL resolves to a public address now (the delivery checks again at each connection), removing one stops its
/// pending deliveries.
/// </summary>
public sealed class WebhookRegistry(IDbContextFactory<OutreachDbContext> contexts, WebhookReceivers receivers, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>How many of the latest deliveries the list shows.</summary>
    public const int RecentDeliveries = 50;

    /// <summary>The receivers and the latest deliveries.</summary>
    public async Task<WebhooksView> ListAsync(CancellationToken cancellationToken)
    {
        var all = await receivers.ListAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.CreatedAt).Take(RecentDeliveries).ToListAsync(cancellationToken);
        return new WebhooksView(
            [.. all.Select(r => new WebhookView(r.Key, r.Id, r.Url, r.Source, r.SecretSetting, r.Secret is not null, r.Description))],
            [.. deliveries.Select(d => new WebhookDeliveryView(
                d.Id, d.Endpoint, d.EventType, d.Subject, StatusLabel.Of(d.Status), d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt))]);
    }

    /// <summary>Adds a receiver; a URL already added, or one that resolves only to private addresses, is refused.</summary>
    public async Task<WebhookView> AddAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = new WebhookEndpoint(request.Url ?? string.Empty, request.SecretSetting ?? string.Empty, request.Description, clock.GetUtcNow());
        await EnsurePublicAsync(new Uri(endpoint.Url), cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.WebhookEndpoints.AnyAsync(w => w.Url == endpoint.Url, cancellationToken))
        {
            throw new DomainConflictException($"A receiver at {endpoint.Url} is already registered.");
        }

        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        var added = await receivers.FindAsync($"api:{endpoint.Id:D}", cancellationToken);
        return new WebhookView(added!.Key, endpoint.Id, endpoint.Url, added.Source, endpoint.SecretSetting, added.Secret is not null, endpoint.Description);
    }

    /// <summary>Removes a receiver added through the API; false when there is none with that id.</summary>
    public async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private async Task EnsurePublicAsync(Uri url, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.AllowPrivateAddresses)
        {
            return;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.Host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new DomainValidationException($"url's host {url.Host} does not resolve ({ex.SocketErrorCode}).");
        }

        if (addresses.All(GuardedConnection.IsPrivate))
        {
            throw new DomainValidationException($"url's host {url.Host} resolves only to private or local addresses; webhooks are sent to public addresses only.");
        }
    }
}
