using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>The prospect with what its email is written for — its campaign and the service that campaign sells — read once, untracked.</summary>
public static class ProspectLookups
{
    /// <summary>The prospect, its campaign and the campaign's service; null when there is no such prospect.</summary>
    public static async Task<(Prospect Prospect, Campaign Campaign, Service Service)?> WithCampaignAsync(
        this OutreachDbContext db, Guid prospectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await (
            from p in db.Prospects.AsNoTracking()
            join c in db.Campaigns.AsNoTracking() on p.CampaignId equals c.Id
            join s in db.Services.AsNoTracking() on c.ServiceId equals s.Id
            where p.Id == prospectId
            select new { p, c, s }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.p, row.c, row.s);
    }
}
