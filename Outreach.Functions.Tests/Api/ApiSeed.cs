using Outreach.Domain.Entities;
using Outreach.Functions.Tests.Builders;
using Outreach.Functions.Tests.Infrastructure;

namespace Outreach.Functions.Tests.Api;

/// <summary>A batch whose prospects went through the pipeline, with the emails a test chooses.</summary>
internal sealed record ApiSeed(Scenario Scenario, IReadOnlyList<GeneratedEmail> Emails)
{
    /// <summary>
    /// Prospect i completes with <paramref name="bodies"/>[i] as its email body; the prospects after them fail.
    /// </summary>
    public static async Task<ApiSeed> CreateAsync(TestDatabase database, string[] bodies, int failed = 0)
    {
        await using var db = database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, bodies.Length + failed);
        var now = TestClock.T0;
        var emails = new List<GeneratedEmail>();
        for (var i = 0; i < scenario.Prospects.Count; i++)
        {
            var p = db.Prospects.Single(x => x.Id == scenario.Prospects[i].Id);
            p.StartEnrichment(now);
            if (i >= bodies.Length)
            {
                p.Fail("Enrich Layer: no public profile at that URL (404)", now);
                continue;
            }

            var enrichment = new ProspectEnrichment(p.Id, now);
            enrichment.Start(now);
            enrichment.Complete("https://analytical-engines.example", "Engines for computation.", "Name: Ada", [new TechStackItem("React", "JavaScript Library")],
                new Dictionary<string, SourceResult> { ["website"] = new("ok", "builtin", now) }, now);
            var analysis = new ProspectAnalysis(p.Id, now);
            analysis.Record(["Leads engineering"], ["Cloud spend"], null, "Lead with the review", "Ada runs engineering.", 0.7f, ["website"], "template", now);
            var email = new GeneratedEmail(p.Id, now);
            email.StartGenerating(now);
            email.Complete($"Subject {i}", bodies[i], "template", now);
            p.MarkEnriched(now);
            p.StartGeneration(now);
            p.Complete(now);
            db.AddRange(enrichment, analysis, email);
            emails.Add(email);
        }

        await db.SaveChangesAsync();
        return new ApiSeed(scenario, emails);
    }
}
