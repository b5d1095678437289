using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

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

        // Prospects move the way production moves them: through the guarded transitions, under a RUNNING job
        // (no counters are bumped; the tests that read counters set them).
        var job = await Transitions.RunningJobAsync(database, scenario, now);

        var emails = new List<GeneratedEmail>();
        for (var i = 0; i < scenario.Prospects.Count; i++)
        {
            var id = scenario.Prospects[i].Id;
            if (i >= bodies.Length)
            {
                await Transitions.MoveProspectAsync(database, id, job.Id, now, ProspectStatus.Enriching, ProspectStatus.Failed);
                continue;
            }

            var enrichment = new ProspectEnrichment(id, now);
            enrichment.Start(now);
            enrichment.Complete("https://analytical-engines.example", "Engines for computation.", "Name: Ada", [new TechStackItem("React", "JavaScript Library")],
                new Dictionary<string, SourceResult> { ["website"] = new("ok", "builtin", now) }, now);
            var analysis = new ProspectAnalysis(id, now);
            analysis.Record(["Leads engineering"], ["Cloud spend"], null, "Lead with the review", "Ada runs engineering.", 0.7f, ["website"], "template", now);
            var email = new GeneratedEmail(id, now);
            email.StartGenerating(now);
            email.Complete($"Subject {i}", bodies[i], "template", now,
                new EmailAssessment([], [new EmailFact("f3", "https://analytical-engines.example", "Engines for computation.")], null, null));
            await Transitions.MoveProspectAsync(database, id, job.Id, now, ProspectStatus.Enriching, ProspectStatus.Enriched, ProspectStatus.Generating, ProspectStatus.Completed);

            db.AddRange(enrichment, analysis, email);
            emails.Add(email);
        }

        await db.SaveChangesAsync();
        return new ApiSeed(scenario, emails);
    }
}
