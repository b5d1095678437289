using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Template;

namespace Outreach.Tests.Templating;

public sealed class TemplateAnalyzerTests
{
    private static readonly CampaignBrief Campaign = new(Guid.NewGuid(), "c", "s", "p", [], [], "Cloud Cost Review", "A review.", "Lower cloud bills.", 80, 180);

    [Theory]
    [InlineData("VP Engineering", "Ledgerline", "Maya Okafor is VP Engineering at Ledgerline.")]
    [InlineData(null, "Ledgerline", "Maya Okafor works at Ledgerline.")]
    [InlineData("VP Engineering", null, "Maya Okafor is VP Engineering.")]
    [InlineData(null, null, "Maya Okafor: the row gives no role or company.")]
    public async Task Analyze_ForEachPartOfTheRowThatIsKnown_WritesAGrammaticalSummary(string? title, string? company, string expected)
    {
        var analysis = await new TemplateAnalyzer().AnalyzeAsync(Prospect(title, company), Nothing(), Campaign, TestContext.Current.CancellationToken);

        Assert.Equal(expected, analysis.ExecutiveSummary);
    }

    [Fact]
    public async Task Analyze_WhenEnrichmentFoundFacts_ListsThemWithTheirSources()
    {
        var enrichment = new EnrichmentOutcome(
            "https://ledgerline.example", "Ledgerline runs payments for 400 banks.", "Name: Maya Okafor\nHeadline: Builder of payment rails\n",
            [new TechStackItem("Kubernetes", "Containers"), new TechStackItem("AWS", "Cloud")], new Dictionary<string, SourceResult>());

        var analysis = await new TemplateAnalyzer().AnalyzeAsync(Prospect("VP Engineering", "Ledgerline"), enrichment, Campaign, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["Role: VP Engineering", "Industry: Financial Services", "LinkedIn headline: Builder of payment rails",
             "Company, in its own words: Ledgerline runs payments for 400 banks.", "Tech stack: Kubernetes, AWS"],
            analysis.PersonalizationOpportunities);
        Assert.Equal(["csv", "linkedin", "website", "techstack"], analysis.Sources);
    }

    private static ProspectFacts Prospect(string? title, string? company) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Maya Okafor", "maya@ledgerline.example", company, title, null, null,
            new Dictionary<string, string> { ["Industry"] = "Financial Services" });

    private static EnrichmentOutcome Nothing() => new(null, null, null, [], new Dictionary<string, SourceResult>());
}
