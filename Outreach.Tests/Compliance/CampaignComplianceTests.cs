using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Api;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Compliance;

/// <summary>
/// What a campaign needs to be lawful to send: a footer (Liquid, rendered for each prospect when the email is written,
/// kept apart from the body) and an opt-out target, carried into the exports as a List-Unsubscribe value.
/// </summary>
public sealed class CampaignComplianceTests(PostgresServer server)
{
    [Theory]
    [InlineData("mailto:optout@northwind.example", "mailto:optout@northwind.example")]
    [InlineData(" mailto:optout@northwind.example?subject=unsubscribe ", "mailto:optout@northwind.example?subject=unsubscribe")]
    [InlineData("https://northwind.example/unsubscribe?c=1", "https://northwind.example/unsubscribe?c=1")]
    public void CheckUnsubscribe_OfAMailtoOrAnHttpsUrl_KeepsIt(string given, string kept) =>
        Assert.Equal(kept, CampaignCompliance.CheckUnsubscribe(given));

    [Theory]
    [InlineData("http://northwind.example/unsubscribe", "unsubscribe 'http://northwind.example/unsubscribe' is not a mailto: address or an https:// URL.")]
    [InlineData("mailto:nobody", "unsubscribe 'mailto:nobody' does not hold a valid address after mailto:.")]
    [InlineData("optout@northwind.example", "unsubscribe 'optout@northwind.example' is not a mailto: address or an https:// URL.")]
    public void CheckUnsubscribe_OfAnythingElse_IsRefusedSayingWhatToGive(string given, string message) =>
        Assert.Equal(message, Assert.Throws<DomainValidationException>(() => CampaignCompliance.CheckUnsubscribe(given)).Message);

    [Fact]
    public async Task CreateCampaign_WithABrokenFooterOrOptOut_IsRefusedNamingTheFieldAndStoresNothing()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var catalog = new CatalogFunctions(api.Get<Catalog>(), api.Get<CatalogQueries>(), api.Get<UploadIntake>());
        var campaign = Campaign("Footer {{ sender.nickname }}", "mailto:optout@northwind.example");
        var badFooter = await api.SendAsync(r => catalog.CreateCampaign(r, Ct), "POST", "/api/campaigns", campaign.ToJsonString());
        var badOptOut = await api.SendAsync(r => catalog.CreateCampaign(r, Ct), "POST", "/api/campaigns", Campaign("{{ sender.company }}", "ftp://x").ToJsonString());
        var good = await api.SendAsync(r => catalog.CreateCampaign(r, Ct), "POST", "/api/campaigns", Campaign("{{ sender.company }}", "mailto:optout@northwind.example").ToJsonString());

        Assert.Equal(400, badFooter.Status);
        Assert.StartsWith("footer: unknown variable 'sender.nickname'", badFooter.Detail, StringComparison.Ordinal);
        Assert.Equal(400, badOptOut.Status);
        Assert.Equal((201, "{{ sender.company }}", "mailto:optout@northwind.example"), (good.Status, (string?)good.Json["footer"], (string?)good.Json["unsubscribe"]));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
    }

    [Fact]
    public async Task Pipeline_OfACampaignWithAFooter_RendersItForEachProspectAndTheExportCarriesItAndListUnsubscribe()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        await f.Database.ExecuteAsync(
            "UPDATE campaigns SET footer = '{{ first_name | default: \"You\" }} get this as {{ title }} at {{ company }}. Northwind, 1 Main St, Springfield. Reply STOP to opt out.', " +
            $"unsubscribe = 'mailto:optout@northwind.example' WHERE id = '{f.Campaign.Id}'");
        var batchId = await f.StartBatchAsync("ana@footer.example", "ben@footer.example");
        await f.WaitAsync(Batch.InstanceIdFor(batchId));

        await using var db = await f.Engine.Services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(Ct);
        await using var text = new StringWriter();
        await ResultsWriter.WriteEmailsAsync(db, batchId, approvedOnly: false, text, Ct);

        var footers = await f.Database.RowsAsync("SELECT e.footer, e.body FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id ORDER BY p.ordinal");
        Assert.Equal("Person get this as CTO at Company 0. Northwind, 1 Main St, Springfield. Reply STOP to opt out.", (string?)footers[0][0]);
        Assert.DoesNotContain("Reply STOP", (string)footers[0][1]!, StringComparison.Ordinal);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",footer,list_unsubscribe", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Reply STOP to opt out.\",<mailto:optout@northwind.example>", lines[1], StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Campaign(string footer, string unsubscribe) => new()
    {
        ["name"] = "Lawful",
        ["emailSubject"] = "About {{ company }}",
        ["prompt"] = "Plain.",
        ["service"] = new JsonObject { ["name"] = "Review", ["description"] = "A review.", ["valueProposition"] = "Lower bills." },
        ["senderCompany"] = "Northwind",
        ["footer"] = footer,
        ["unsubscribe"] = unsubscribe,
    };
}
