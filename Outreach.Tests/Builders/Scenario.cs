using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Builders;

/// <summary>A service, a campaign, a batch and its prospects, saved together: the usual starting point of a test.</summary>
internal sealed record Scenario(Service Service, Campaign Campaign, Batch Batch, IReadOnlyList<Prospect> Prospects)
{
    /// <summary>Saves a scenario of <paramref name="prospects"/> prospects through a context of its own on <paramref name="database"/>.</summary>
    public static async Task<Scenario> CreateAsync(TestDatabase database, int prospects = 3)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext();
        return await CreateAsync(db, prospects);
    }

    /// <summary>Saves a scenario of <paramref name="prospects"/> prospects through <paramref name="db"/>.</summary>
    public static async Task<Scenario> CreateAsync(OutreachDbContext db, int prospects = 3)
    {
        var service = new ServiceBuilder().Build();
        var campaign = new CampaignBuilder().Build(service.Id);
        var batch = new Batch(campaign.Id, uploadId: null, "prospects.csv", prospects, TestClock.T0);
        var rows = Enumerable.Range(0, prospects).Select(i => new ProspectBuilder().Build(batch, i)).ToList();

        db.AddRange(service, campaign, batch);
        db.AddRange(rows);
        await db.SaveChangesAsync();
        return new Scenario(service, campaign, batch, rows);
    }
}
