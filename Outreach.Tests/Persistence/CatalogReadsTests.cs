using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>
/// The plain-SQL reads of campaigns and services against what EF wrote, and the SQL form of "the campaign a person
/// names" held to <see cref="CampaignLookups.FindByReferenceAsync"/>.
/// </summary>
public sealed class CatalogReadsTests(PostgresServer server) : DatabaseTest(server)
{
    private CatalogReads Reads => new(Database.ReadDataSource);

    [Fact]
    public async Task CampaignAsync_WhenEveryOptionalSettingIsSet_ReadsEveryColumnEfWrote()
    {
        var service = new ServiceBuilder().Build();
        var campaign = new Campaign(
            "Zoë's Q3 review", "Hi {{first_name}}", "Write briefly.", service.Id, [EnrichmentFlags.Website], [EnrichmentFlags.Website], DedupeScope.Global,
            TestClock.At(5), maxSubjectChars: 70, maxBodyWords: 140, emailBody: "Hello {{first_name}}", sender: new CampaignSender("Sam", "AE", "Acme"),
            minBodyWords: 20, verification: VerificationPolicy.ValidOnly, compliance: new CampaignCompliance("Acme, 1 Main St", "mailto:stop@acme.example"));
        await using (var db = Database.CreateContext())
        {
            db.AddRange(service, campaign);
            await db.SaveChangesAsync(Ct);
        }

        var row = await Reads.CampaignAsync(campaign.Id, Ct);
        var serviceRow = await Reads.ServiceAsync(service.Id, Ct);

        await using var check = Database.CreateContext();
        var c = await check.Campaigns.AsNoTracking().SingleAsync(x => x.Id == campaign.Id, Ct);
        Assert.NotNull(row);
        Assert.Equal(
            new CampaignRow(
                c.Id, c.Name, c.EmailSubject, c.Prompt, row.EnrichmentFlags, row.RequiredEnrichment, c.ServiceId, c.DedupeScope, c.MaxSubjectChars, c.MaxBodyWords,
                c.CreatedAt, c.EmailBody, c.SenderName, c.SenderTitle, c.SenderCompany, c.MinBodyWords, c.Verification, c.Footer, c.Unsubscribe),
            row);
        Assert.Equal(c.EnrichmentFlags, row.EnrichmentFlags);
        Assert.Equal(c.RequiredEnrichment, row.RequiredEnrichment);
        Assert.Equal((DedupeScope.Global, VerificationPolicy.ValidOnly, "mailto:stop@acme.example"), (row.DedupeScope, row.Verification, row.Unsubscribe));
        Assert.NotNull(serviceRow);
        Assert.Equal((service.Id, service.Name, service.Description, service.ValueProposition), (serviceRow.Id, serviceRow.Name, serviceRow.Description, serviceRow.ValueProposition));
        Assert.Equal(service.TargetIndustries, serviceRow.TargetIndustries);
        Assert.Null(await Reads.CampaignAsync(Guid.CreateVersion7(), Ct));
        Assert.Null(await Reads.ServiceAsync(Guid.CreateVersion7(), Ct));
    }

    [Fact]
    public async Task CampaignsAsync_WhenThereAreSeveral_PagesNewestFirstWithTheTotal()
    {
        var older = await SaveCampaignAsync("Older");
        var newer = await SaveCampaignAsync("Newer");
        await Database.ExecuteAsync("UPDATE campaigns SET created_at = created_at + interval '1 hour' WHERE id = $1", newer.Id);

        var (first, total) = await Reads.CampaignsAsync(skip: 0, take: 1, Ct);
        var (second, _) = await Reads.CampaignsAsync(skip: 1, take: 1, Ct);
        var (services, serviceTotal) = await Reads.ServicesAsync(skip: 0, take: 10, Ct);

        Assert.Equal((2L, newer.Id, older.Id), (total, Assert.Single(first).Id, Assert.Single(second).Id));
        Assert.Equal(2L, serviceTotal);
        Assert.Equal(new[] { newer.ServiceId, older.ServiceId }.Order(), services.Select(s => s.Id).Order());
        Assert.Equal(["Newer", "Older"], (await Reads.CampaignNamesAsync(Ct)).Order());
    }

    [Theory]
    [InlineData("by id")]
    [InlineData("Q3 Fintech")]
    [InlineData("  q3 fintech ")]
    [InlineData("50%_OFF")]
    [InlineData("50__off")]
    [InlineData("Q3")]
    [InlineData("nobody")]
    public async Task CampaignIdAsync_ForAnyReference_AnswersAsTheEfLookupDoes(string reference)
    {
        var fintech = await SaveCampaignAsync("Q3 Fintech");
        await SaveCampaignAsync("50%_off");
        await SaveCampaignAsync("Q3 Fintech Europe");
        var typed = reference == "by id" ? fintech.Id.ToString() : reference;

        var sql = await Reads.CampaignIdAsync(typed, Ct);

        await using var db = Database.CreateContext();
        var ef = await db.Campaigns.AsNoTracking().FindByReferenceAsync(typed, Ct);
        Assert.Equal(ef?.Id, sql);
        Assert.Equal(reference is "nobody" or "Q3" or "50__off", sql is null);
    }

    // Each campaign with a service of its own: service names are unique too.
    private async Task<Campaign> SaveCampaignAsync(string name)
    {
        var service = new ServiceBuilder().Named($"Service for {name}").Build();
        var campaign = new CampaignBuilder().Named(name).Build(service.Id);
        await using var db = Database.CreateContext();
        db.AddRange(service, campaign);
        await db.SaveChangesAsync(Ct);
        return campaign;
    }
}
