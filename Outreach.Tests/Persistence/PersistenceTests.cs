using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

public sealed class PersistenceTests(PostgresServer server) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task LongAiText_WhenHundredThousandCharacters_RoundTripsUnchanged()
    {
        await using var db = _database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, prospects: 1);
        var prospect = scenario.Prospects[0];
        var marketPosition = LongText('m');
        var approach = LongText('a');
        var summary = LongText('s');
        var body = LongText('b');

        var analysis = new ProspectAnalysis(prospect.Id, TestClock.T0);
        analysis.Record(["Recent Series B"], ["Cloud bill doubled"], marketPosition, approach, summary, 0.8f, ["linkedin"], "template", TestClock.At(1));
        var email = new GeneratedEmail(prospect.Id, TestClock.T0);
        email.StartGenerating(TestClock.At(1));
        email.Complete("Subject", body, "template", TestClock.At(2));
        db.AddRange(analysis, email);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await using var fresh = _database.CreateContext();
        var storedAnalysis = await fresh.ProspectAnalyses.SingleAsync(a => a.ProspectId == prospect.Id, TestContext.Current.CancellationToken);
        var storedEmail = await fresh.GeneratedEmails.SingleAsync(e => e.ProspectId == prospect.Id, TestContext.Current.CancellationToken);
        Assert.Equal(marketPosition, storedAnalysis.MarketPosition);
        Assert.Equal(approach, storedAnalysis.SuggestedApproach);
        Assert.Equal(summary, storedAnalysis.ExecutiveSummary);
        Assert.Equal(body, storedEmail.Body);
        Assert.Equal(100_000, await _database.ScalarAsync<int>("SELECT length(body) FROM generated_emails WHERE prospect_id = $1", prospect.Id));
    }

    [Fact]
    public async Task EnumColumns_AreStoredAsUppercaseLabels()
    {
        await using var db = _database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, prospects: 1);
        var prospect = scenario.Prospects[0];
        var running = await Transitions.RunningJobAsync(_database, scenario);
        await Transitions.MoveProspectAsync(_database, prospect.Id, running.Id, TestClock.At(2), ProspectStatus.Enriching, ProspectStatus.Enriched);
        var job = new ProcessingJob(scenario.Campaign.Id, scenario.Batch.Id, JobType.FullPipeline, 1, TestClock.T0);
        var session = new WorkflowSession(scenario.Campaign.Id, scenario.Batch.Id, "cli", null, TestClock.T0);
        var email = new GeneratedEmail(prospect.Id, TestClock.T0);
        db.AddRange(job, session, email);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ENRICHED", await _database.ScalarAsync<string>("SELECT status::text FROM prospects WHERE id = $1", prospect.Id));
        Assert.Equal("FULL_PIPELINE", await _database.ScalarAsync<string>("SELECT job_type::text FROM processing_jobs WHERE id = $1", job.Id));
        Assert.Equal("UPLOAD_CSV", await _database.ScalarAsync<string>("SELECT current_step::text FROM workflow_sessions WHERE id = $1", session.Id));
        Assert.Equal("PENDING_REVIEW", await _database.ScalarAsync<string>("SELECT review_status::text FROM generated_emails WHERE id = $1", email.Id));
        Assert.Equal("CAMPAIGN", await _database.ScalarAsync<string>("SELECT dedupe_scope::text FROM campaigns WHERE id = $1", scenario.Campaign.Id));
    }

    [Fact]
    public async Task EveryEnumValue_SentThroughRawNpgsql_ArrivesAsItsLabel()
    {
        // The data source (not only EF) knows the mappings: COPY and guarded updates depend on it.
        foreach (var (clrType, pgName) in OutreachDatabase.EnumTypes)
        {
            foreach (Enum value in Enum.GetValues(clrType))
            {
                await using var command = _database.DataSource.CreateCommand($"SELECT $1::{pgName}::text");
                command.Parameters.Add(new NpgsqlParameter { Value = value });
                Assert.Equal(StatusLabel.Of(value), (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
            }
        }
    }

    [Fact]
    public async Task JsonbColumns_RoundTripStructuredValues()
    {
        await using var db = _database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, prospects: 1);
        var enrichment = new ProspectEnrichment(scenario.Prospects[0].Id, TestClock.T0);
        enrichment.Start(TestClock.At(1));
        enrichment.Complete(
            "https://analytical-engines.example",
            "Builds engines.",
            "Mathematician.",
            [new TechStackItem("PostgreSQL", "Databases")],
            new Dictionary<string, SourceResult>
            {
                ["linkedin"] = new("ok", "enrichlayer", TestClock.At(1)),
                ["techstack"] = new("not_configured", null, null),
            },
            TestClock.At(2));
        db.Add(enrichment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await using var fresh = _database.CreateContext();
        var stored = await fresh.ProspectEnrichments.SingleAsync(e => e.Id == enrichment.Id, TestContext.Current.CancellationToken);
        Assert.Equal(new TechStackItem("PostgreSQL", "Databases"), Assert.Single(stored.TechStack));
        Assert.Equal(new SourceResult("ok", "enrichlayer", TestClock.At(1)), stored.EnrichmentData["linkedin"]);
        Assert.Equal("Computing", (await fresh.Prospects.SingleAsync(p => p.Id == scenario.Prospects[0].Id, TestContext.Current.CancellationToken)).AdditionalData["Industry"]);
        Assert.Equal(
            "enrichlayer",
            await _database.ScalarAsync<string>("SELECT enrichment_data -> 'linkedin' ->> 'source' FROM prospect_enrichments WHERE id = $1", enrichment.Id));
    }

    [Theory]
    [InlineData(3, 3, 0, "COMPLETED")]
    [InlineData(3, 2, 1, "PARTIAL")]
    [InlineData(3, 0, 3, "FAILED")]
    public async Task BatchFinish_WithStoredCounters_PersistsTheFinalStatus(int total, int generated, int failed, string expected)
    {
        var batchId = (await Scenario.CreateAsync(_database, prospects: total)).Batch.Id;

        await Transitions.StartBatchAsync(_database, batchId, TestClock.At(1));

        // Counters are written by the pipeline's guarded SQL, never through the entity.
        await _database.ExecuteAsync("UPDATE batches SET generated_emails = $2, failed_prospects = $3 WHERE id = $1", batchId, generated, failed);
        await using (var db = _database.CreateContext())
        {
            var batch = await db.Batches.SingleAsync(b => b.Id == batchId, TestContext.Current.CancellationToken);
            batch.Finish(TestClock.At(9));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var row = Assert.Single(await _database.RowsAsync("SELECT status::text, completed_at FROM batches WHERE id = $1", batchId));
        Assert.Equal(expected, row[0]);
        Assert.Equal(TestClock.At(9).UtcDateTime, (DateTime)row[1]!);
    }

    [Fact]
    public async Task BatchCounters_WhenADoubleCountWouldExceedTheTotal_AreRefusedByTheDatabase()
    {
        await using var db = _database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, prospects: 2);

        var ex = await Assert.ThrowsAsync<PostgresException>(() =>
            _database.ExecuteAsync("UPDATE batches SET generated_emails = 2, failed_prospects = 1 WHERE id = $1", scenario.Batch.Id));

        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
        Assert.Equal("ck_batches_counters", ex.ConstraintName);
    }

    [Fact]
    public async Task ProspectEmail_WhenSameNormalizedEmailInOneCampaign_IsRefused()
    {
        await using var db = _database.CreateContext();
        var scenario = await Scenario.CreateAsync(db, prospects: 0);
        db.Add(new ProspectBuilder().WithEmail("Ada@Example.com").Build(scenario.Batch, 0));
        db.Add(new ProspectBuilder().WithEmail("  ada@example.COM ").Build(scenario.Batch, 1));

        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(ex.InnerException).SqlState);
    }

    [Fact]
    public async Task CampaignDelete_WhenItHasBatches_IsRestrictedAndNothingIsDeleted()
    {
        await Scenario.CreateAsync(_database, prospects: 2);

        await using (var db = _database.CreateContext())
        {
            db.Campaigns.Remove(await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken));
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
            var pg = Assert.IsType<PostgresException>(ex.InnerException);
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, pg.SqlState);
        }

        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
    }

    [Fact]
    public async Task CampaignDelete_WhenItHasNoBatches_Succeeds()
    {
        await using (var db = _database.CreateContext())
        {
            var service = new ServiceBuilder().Build();
            db.AddRange(service, new CampaignBuilder().Build(service.Id));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = _database.CreateContext())
        {
            db.Campaigns.Remove(await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
    }

    [Fact]
    public async Task BatchDelete_CascadesToProspectsAndTheirEmailsButKeepsTheUploadRecord()
    {
        Guid uploadId;
        await using (var db = _database.CreateContext())
        {
            var scenario = await Scenario.CreateAsync(db, prospects: 2);
            var upload = new CsvUpload(scenario.Campaign.Id, "prospect-uploads", "c/p.csv", "0x8D", new string('0', 64), 100, TestClock.T0);
            upload.MarkImported(scenario.Batch.Id, 2, [], TestClock.At(1));
            uploadId = upload.Id;
            db.Add(upload);
            db.Add(new GeneratedEmail(scenario.Prospects[0].Id, TestClock.T0));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await _database.ExecuteAsync("DELETE FROM batches");

        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads WHERE id = $1 AND batch_id IS NULL", uploadId));
    }

    [Fact]
    public async Task ApiConfiguration_StoresTheSettingNameNeverAKey()
    {
        Assert.Throws<DomainValidationException>(() => new ApiConfiguration("openrouter", "sk-or-v1 0123456789abcdef", TestClock.T0));

        await using var db = _database.CreateContext();
        var config = new ApiConfiguration("OpenRouter", "Providers__OpenRouter__ApiKey", TestClock.T0);
        config.Configure(true, "openai/gpt-4o-mini", 0.4f, 800, new Dictionary<string, string> { ["email"] = "Write…" }, null, TestClock.At(1));
        db.Add(config);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var row = Assert.Single(await _database.RowsAsync("SELECT provider, secret_setting, temperature FROM api_configurations"));
        Assert.Equal(("openrouter", "Providers__OpenRouter__ApiKey", 0.4f), ((string)row[0]!, (string)row[1]!, (float)row[2]!));
    }

    private static string LongText(char seed)
    {
        // Mixed scripts and newlines: a truncating or re-encoding column would change this.
        var unit = $"{seed} Größe 数据 — line\r\n";
        var text = string.Concat(Enumerable.Repeat(unit, (100_000 / unit.Length) + 1));
        return text[..100_000];
    }
}
