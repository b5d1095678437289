using Outreach.Functions.Activities;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

/// <summary>
/// What a prospect costs the database: every statement is a round trip, and a batch of 100,000 prospects multiplies
/// each one. Counted from Npgsql's own tracing (one activity per command), for this test's database only.
/// </summary>
public sealed class StatementBudgetTests(PostgresServer server)
{
    [Fact]
    public async Task ProcessProspect_WhenANewProspectRunsTheWholePipeline_RunsAtMostNineStatements()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var job = await StartedJob.CreateAsync(database, prospects: 2);
        var process = job.Activity<ProcessProspect>();

        // The first prospect of a job also moves the batch to GENERATING (once per job) and fills the company cache (once
        // per company); the second, of the same company, is the steady state: the load, four moves (ENRICHING with the
        // address check, ENRICHED and GENERATING in one, COMPLETED), three inserts (enrichment, analysis, email), the
        // duplicate-body lookup, and the company cache's one read.
        await process.RunAsync(job.Work(0), ct);
        List<string> statements;
        using (var log = new StatementLog(database.Name))
        {
            await process.RunAsync(job.Work(1), ct);
            statements = [.. log.Texts];
        }

        var row = Assert.Single(await database.RowsAsync(
            "SELECT p.status::text, b.enriched_prospects, b.generated_emails FROM prospects p JOIN batches b ON b.id = p.batch_id WHERE p.id = $1", job.Scenario.Prospects[1].Id));
        Assert.Equal(("COMPLETED", 2, 2), ((string)row[0]!, (int)row[1]!, (int)row[2]!));
        Assert.True(statements.Count is > 0 and <= 9, $"{statements.Count} statements for one prospect (budget 9):\n{string.Join("\n", statements)}");
    }
}
