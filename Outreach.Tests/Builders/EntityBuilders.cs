using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Tests.Builders;

internal sealed class ServiceBuilder
{
    private string _name = "Cloud Cost Review";

    public ServiceBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public Service Build() => new(
        _name,
        "A two-week review of cloud spend with a fixed-price report.",
        "Cut 20-30% of cloud spend without re-architecting.",
        ["SaaS", "Fintech"],
        TestClock.T0);
}

internal sealed class CampaignBuilder
{
    private string _name = $"Campaign {Guid.NewGuid():N}";
    private string[] _flags = [EnrichmentFlags.LinkedIn, EnrichmentFlags.Website, EnrichmentFlags.TechStack];
    private string[] _required = [];

    public CampaignBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public CampaignBuilder WithFlags(params string[] flags)
    {
        _flags = flags;
        return this;
    }

    public CampaignBuilder Requiring(params string[] flags)
    {
        _required = flags;
        return this;
    }

    /// <summary>Saves a new service and this campaign, which sells it, in <paramref name="database"/>.</summary>
    public async Task<Campaign> SaveWithServiceAsync(Infrastructure.TestDatabase database)
    {
        await using var db = database.CreateContext();
        var service = new ServiceBuilder().Build();
        var campaign = Build(service.Id);
        db.AddRange(service, campaign);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return campaign;
    }

    public Campaign Build(Guid serviceId) => new(
        _name,
        "Quick question about {{company}}'s cloud bill",
        "Write a short, friendly note that references one concrete fact about the prospect.",
        serviceId,
        _flags,
        _required,
        DedupeScope.Campaign,
        TestClock.T0);
}

internal sealed class ProspectBuilder
{
    private string _email = $"{Guid.NewGuid():N}@example.com";
    private string? _name = "Ada Lovelace";

    public ProspectBuilder WithEmail(string email)
    {
        _email = email;
        return this;
    }

    public ProspectBuilder Named(string? name)
    {
        _name = name;
        return this;
    }

    public Prospect Build(Batch batch, int ordinal) => new(
        batch.CampaignId,
        batch.Id,
        ordinal,
        _email,
        _name,
        "Analytical Engines Ltd",
        "Head of Engineering",
        "https://www.linkedin.com/in/ada-lovelace",
        "https://analytical-engines.example",
        new Dictionary<string, string> { ["Industry"] = "Computing" },
        TestClock.T0);
}
