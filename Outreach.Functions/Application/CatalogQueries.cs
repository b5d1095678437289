using Outreach.Data.Reads;

namespace Outreach.Functions.Application;

/// <summary>
/// Services and campaigns as the API shows them: list (paged, newest first) and get, in plain SQL (<see cref="CatalogReads"/>).
/// Apart from <see cref="Catalog"/>, which writes through EF Core, so a process that only reads never builds EF's context pool.
/// </summary>
public sealed class CatalogQueries(CatalogReads reads)
{
    /// <summary>A page of services.</summary>
    public async Task<Paged<ServiceView>> ServicesAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var (items, total) = await reads.ServicesAsync((page - 1) * pageSize, pageSize, cancellationToken);
        return new Paged<ServiceView>([.. items.Select(ServiceView.Of)], page, pageSize, total);
    }

    /// <summary>One service, or null.</summary>
    public async Task<ServiceView?> ServiceAsync(Guid id, CancellationToken cancellationToken) =>
        await reads.ServiceAsync(id, cancellationToken) is { } service ? ServiceView.Of(service) : null;

    /// <summary>A page of campaigns.</summary>
    public async Task<Paged<CampaignView>> CampaignsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var (items, total) = await reads.CampaignsAsync((page - 1) * pageSize, pageSize, cancellationToken);
        return new Paged<CampaignView>([.. items.Select(CampaignView.Of)], page, pageSize, total);
    }

    /// <summary>One campaign, or null.</summary>
    public async Task<CampaignView?> CampaignAsync(Guid id, CancellationToken cancellationToken) =>
        await reads.CampaignAsync(id, cancellationToken) is { } campaign ? CampaignView.Of(campaign) : null;
}
