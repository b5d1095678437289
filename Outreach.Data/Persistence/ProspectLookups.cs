using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>The prospect with what its email is written for — its campaign and the service that campaign sells — read untracked.</summary>
public static class ProspectLookups
{
    /// <summary>
    /// Every prospect with its campaign and the campaign's service, untracked: the one statement of that join, for
    /// callers to filter and to extend with what else they read in the same query.
    /// </summary>
    public static IQueryable<ProspectWithCampaign> ProspectsWithCampaign(this OutreachDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from p in db.Prospects.AsNoTracking()
               join c in db.Campaigns.AsNoTracking() on p.CampaignId equals c.Id
               join s in db.Services.AsNoTracking() on c.ServiceId equals s.Id
               select new ProspectWithCampaign { Prospect = p, Campaign = c, Service = s };
    }

    /// <summary>The prospect, its campaign and the campaign's service; null when there is no such prospect.</summary>
    public static async Task<(Prospect Prospect, Campaign Campaign, Service Service)?> WithCampaignAsync(
        this OutreachDbContext db, Guid prospectId, CancellationToken cancellationToken)
    {
        var row = await db.ProspectsWithCampaign().Where(r => r.Prospect.Id == prospectId).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Prospect, row.Campaign, row.Service);
    }
}
