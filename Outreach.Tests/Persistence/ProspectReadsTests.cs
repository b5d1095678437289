using Microsoft.EntityFrameworkCore;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>The plain-SQL read of a prospect's detail against what EF wrote: the prospect, its enrichment and its analysis.</summary>
public sealed class ProspectReadsTests(PostgresServer server) : DatabaseTest(server)
{
    private ProspectReads Reads => new(Database.ReadDataSource);

    [Fact]
    public async Task DetailAsync_WhenEnrichedAndAnalysed_ReadsEveryColumnEfWrote()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 2);
        var (enriched, bare) = (scenario.Prospects[0], scenario.Prospects[1]);
        var enrichment = new ProspectEnrichment(enriched.Id, TestClock.At(0));
        enrichment.Start(TestClock.At(1));
        enrichment.Complete(
            "https://analytical-engines.example", "Builds engines — naïve \"quoted\"", "Ada leads engineering", [new("PostgreSQL", "database"), new("Fluid", null)],
            new Dictionary<string, SourceResult> { ["website"] = new("SUCCEEDED", "https://analytical-engines.example", TestClock.At(1)), ["linkedin"] = new("FAILED", null, null, "429") },
            TestClock.At(2));
        var analysis = new ProspectAnalysis(enriched.Id, TestClock.At(0));
        analysis.Record(["Mention the engines"], ["Cloud bill"], "Leader", "Open with the bill", "Ada runs engineering", 0.75f, ["website"], "gpt-test", TestClock.At(3));
        await using (var db = Database.CreateContext())
        {
            db.AddRange(enrichment, analysis);
            await db.SaveChangesAsync(Ct);
        }

        var row = await Reads.DetailAsync(enriched.Id, Ct);
        var bareRow = await Reads.DetailAsync(bare.Id, Ct);

        await using var check = Database.CreateContext();
        var p = await check.Prospects.AsNoTracking().Include(x => x.Enrichment).Include(x => x.Analysis).SingleAsync(x => x.Id == enriched.Id, Ct);
        Assert.NotNull(row);
        Assert.Equal(
            (p.Id, p.BatchId, p.CampaignId, p.Ordinal, p.Name, p.Email, p.Company, p.Title, p.LinkedinUrl, p.Website, p.Status, p.ErrorMessage, p.EmailVerification, p.EmailVerificationReason),
            (row.Id, row.BatchId, row.CampaignId, row.Ordinal, row.Name, row.Email, row.Company, row.Title, row.LinkedinUrl, row.Website, row.Status, row.ErrorMessage, row.EmailVerification, row.EmailVerificationReason));
        Assert.Equal(p.AdditionalData, row.AdditionalData);
        var (e, a) = (Assert.IsType<EnrichmentRow>(row.Enrichment), Assert.IsType<AnalysisRow>(row.Analysis));
        Assert.Equal((EnrichmentStatus.Completed, p.Enrichment!.CompanyWebsite, p.Enrichment.CompanySummary, p.Enrichment.LinkedinSummary, p.Enrichment.ErrorMessage), (e.Status, e.CompanyWebsite, e.CompanySummary, e.LinkedinSummary, e.ErrorMessage));
        Assert.Equal(p.Enrichment.TechStack, e.TechStack);
        Assert.Equal(p.Enrichment.EnrichmentData, e.Sources);
        Assert.Equal((p.Analysis!.MarketPosition, p.Analysis.SuggestedApproach, p.Analysis.ExecutiveSummary, 0.75f, "gpt-test"), (a.MarketPosition, a.SuggestedApproach, a.ExecutiveSummary, a.ConfidenceScore, a.Model));
        Assert.Equal(p.Analysis.PersonalizationOpportunities, a.PersonalizationOpportunities);
        Assert.Equal(p.Analysis.PainPoints, a.PainPoints);
        Assert.Equal(p.Analysis.Sources, a.Sources);
        Assert.NotNull(bareRow);
        Assert.Equal((bare.Id, null, null), (bareRow.Id, bareRow.Enrichment, bareRow.Analysis));
        Assert.Null(await Reads.DetailAsync(Guid.CreateVersion7(), Ct));
    }
}
