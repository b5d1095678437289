using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Functions.Activities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Template;
using Outreach.Functions.Pipeline;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Pipeline;

public sealed class ActivityIdempotencyTests(PostgresServer server)
{
    [Fact]
    public async Task EveryStep_WhenExecutedTwiceForOneProspect_LeavesCountersExact()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var job = await StartedJob.CreateAsync(database, prospects: 2);
        var done = job.Work(0);
        var failed = job.Work(1);

        // Durable delivers activities at least once: each step runs twice, as after a lost completion.
        for (var i = 0; i < 2; i++)
        {
            await job.Activity<EnrichProspect>().RunAsync(done, ct);
        }

        for (var i = 0; i < 2; i++)
        {
            await job.Activity<AnalyzeProspect>().RunAsync(done, ct);
        }

        for (var i = 0; i < 2; i++)
        {
            await job.Activity<GenerateEmail>().RunAsync(done, ct);
        }

        for (var i = 0; i < 2; i++)
        {
            await job.Activity<FailProspect>().RunAsync(new FailProspectInput(failed.ProspectId, failed.JobId, "Enrich Layer: 403 out of credits"), ct);
        }

        // A completed prospect cannot be failed afterwards either.
        await job.Activity<FailProspect>().RunAsync(new FailProspectInput(done.ProspectId, done.JobId, "late failure"), ct);

        var batch = Assert.Single(await database.RowsAsync("SELECT enriched_prospects, generated_emails, failed_prospects, status::text FROM batches"));
        Assert.Equal((1, 1, 1, "GENERATING"), ((int)batch[0]!, (int)batch[1]!, (int)batch[2]!, (string)batch[3]!));
        Assert.Equal(2, await database.ScalarAsync<int>("SELECT progress_current FROM processing_jobs"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM prospect_enrichments"));
        Assert.Equal(
            [("COMPLETED", (string?)null), ("FAILED", "Enrich Layer: 403 out of credits")],
            (await database.RowsAsync("SELECT status::text, error_message FROM prospects ORDER BY ordinal")).Select(r => ((string)r[0]!, (string?)r[1])));
    }

    [Fact]
    public async Task ProcessProspect_WhenTheEmailFailsOnceAndTheActivityRunsAgain_ResumesAtTheEmailWithoutASecondAnalysis()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        var analyses = 0;
        var generations = 0;
        await using var job = await StartedJob.CreateAsync(database, prospects: 1, configure: s =>
        {
            s.AddSingleton<IProspectAnalyzer>(sp => new CountingAnalyzer(sp.GetRequiredService<TemplateAnalyzer>(), () => Interlocked.Increment(ref analyses)));
            s.AddSingleton<IEmailGenerator>(sp => new FlakyGenerator(sp.GetRequiredService<TemplateEmailGenerator>(), () => Interlocked.Increment(ref generations)));
        });
        var work = job.Work(0);

        var first = await Assert.ThrowsAsync<TransientProspectException>(() => job.Activity<ProcessProspect>().RunAsync(work, ct));
        await job.Activity<ProcessProspect>().RunAsync(work, ct);
        await job.Activity<ProcessProspect>().RunAsync(work, ct);

        Assert.Equal("GenerateEmail: OpenRouter: server error (503); retry after 7 s", first.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), TransientProspectException.RetryAfterIn(first.Message));
        Assert.Equal((1, 2), (analyses, generations));
        var batch = Assert.Single(await database.RowsAsync("SELECT enriched_prospects, generated_emails FROM batches"));
        Assert.Equal((1, 1), ((int)batch[0]!, (int)batch[1]!));
        Assert.Equal("COMPLETED", await database.ScalarAsync<string>("SELECT status::text FROM prospects"));
    }

    [Fact]
    public async Task Steps_WhenTheJobIsNoLongerRunning_DoNoWork()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var job = await StartedJob.CreateAsync(database, prospects: 1);
        await database.ExecuteAsync("UPDATE processing_jobs SET status = 'CANCELLED'");

        await job.Activity<EnrichProspect>().RunAsync(job.Work(0), ct);

        Assert.Equal("PENDING", await database.ScalarAsync<string>("SELECT status::text FROM prospects"));
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT enriched_prospects FROM batches"));
    }

    [Fact]
    public async Task SaveEnrichment_WhenTheLoadSawNoRowButAnotherExecutionInsertedOne_UpdatesThatRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database);
        var scenario = await Scenario.CreateAsync(database, prospects: 1);

        var store = services.GetRequiredService<ProspectStore>();
        var id = scenario.Prospects[0].Id;
        var none = new Dictionary<string, Outreach.Domain.Entities.SourceResult>();
        await store.SaveEnrichmentAsync(id, new EnrichmentOutcome("https://first.example", "First", null, [], none), stored: false, ct);

        // A second execution that loaded before the first one's insert: its insert meets the unique index and updates instead.
        await store.SaveEnrichmentAsync(id, new EnrichmentOutcome("https://second.example", "Second", null, [], none), stored: false, ct);

        var row = Assert.Single(await database.RowsAsync("SELECT company_website, company_summary, status::text FROM prospect_enrichments"));
        Assert.Equal(("https://second.example", "Second", "COMPLETED"), ((string)row[0]!, (string)row[1]!, (string)row[2]!));
    }

    [Fact]
    public void PipelineRegistry_RegistersEveryOrchestratorAndActivityFunction()
    {
        // The local engine must run exactly what the Functions host runs.
        var durableFunctions = typeof(StartBatch).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null || p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
            .Order();

        Assert.Equal(durableFunctions, PipelineRegistry.Names.Order());
    }

    private sealed class CountingAnalyzer(IProspectAnalyzer inner, Action counted) : IProspectAnalyzer
    {
        public Task<AnalysisOutcome> AnalyzeAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, CampaignBrief campaign, CancellationToken cancellationToken)
        {
            counted();
            return inner.AnalyzeAsync(prospect, enrichment, campaign, cancellationToken);
        }
    }

    private sealed class FlakyGenerator(IEmailGenerator inner, Func<int> counted) : IEmailGenerator
    {
        public Task<EmailDraft> GenerateAsync(ProspectFacts prospect, EnrichmentOutcome enrichment, AnalysisOutcome analysis, CampaignBrief campaign, CancellationToken cancellationToken) =>
            counted() == 1
                ? throw new TransientProspectException("OpenRouter: server error (503)", TimeSpan.FromSeconds(7))
                : inner.GenerateAsync(prospect, enrichment, analysis, campaign, cancellationToken);
    }
}
