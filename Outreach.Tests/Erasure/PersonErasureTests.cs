using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Entities;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Erasure;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Api;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Erasure;

/// <summary>
/// The right to erasure, end to end on real PostgreSQL, Azurite and the local engine: a person who went through the
/// pipeline (their prospect, email and results), appears as a rejected duplicate, is named by a cached company profile,
/// and sits in a wizard's draft is, afterwards, in no table and no blob — but the suppression that keeps them out.
/// </summary>
public sealed class PersonErasureTests(PostgresServer server)
{
    [Fact]
    public async Task Erase_APersonWhoWentThroughThePipeline_LeavesNoTraceInAnyTableOrBlobButTheSuppression()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        var address = $"ana.{Guid.NewGuid():N}"[..16] + "@forget.example";
        var blobs = f.Engine.Services.GetRequiredService<BlobServiceClient>();
        var file = CsvFileBuilder.WithHeader("Email", "Full Name", "Company", "Title")
            .Row(address.ToUpperInvariant(), "Ana Forgetmenot", "Keepers Ltd", "CTO")
            .Row("ben@keep.example", "Ben Keeper", "Keepers Ltd", "CFO")
            .Row(address, "Ana Again", "Keepers Ltd", "CTO")
            .Row("cy@keep.example", "Cy Keeper", "Keepers Ltd", "COO")
            .Build();
        var uploads = blobs.GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await uploads.CreateIfNotExistsAsync(cancellationToken: Ct);
        var source = uploads.GetBlobClient($"{f.Campaign.Id}/{Guid.NewGuid():N}.csv");
        await source.UploadAsync(new BinaryData(file), Ct);
        var processor = f.Engine.Services.GetRequiredService<BlobUploadProcessor>();
        var imported = await processor.ProcessAsync(source, f.Campaign.Id.ToString(), f.Client, Ct);
        var batchId = imported.BatchId!.Value;
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        var drafts = blobs.GetBlobContainerClient(UploadIntake.DraftsContainer);
        await drafts.CreateIfNotExistsAsync(cancellationToken: Ct);
        await drafts.GetBlobClient($"{Guid.NewGuid()}/prospects.csv").UploadAsync(new BinaryData(file), Ct);
        await f.Database.ExecuteAsync(
            "INSERT INTO company_profiles (id, domain, website, company_summary, tech_stack, sources, fetched_at, created_at, updated_at) VALUES " +
            $"('{Guid.CreateVersion7()}', 'forget.example', 'https://forget.example', 'Our team: Ana Forgetmenot leads platform.', '[]', '{{}}', now(), now(), now()), " +
            $"('{Guid.CreateVersion7()}', 'keep.example', 'https://keep.example', 'Keepers make ledgers.', '[]', '{{}}', now(), now(), now())");
        Assert.NotEmpty(await TablesNamingAsync(f.Database, address));

        var report = await f.Engine.Services.GetRequiredService<PersonErasure>().EraseAsync($"  {address.ToUpperInvariant()} ", Ct);

        Assert.Equal((1, 1, 1), (report.ProspectsErased, report.RejectedRowsRemoved, report.CompanyProfilesRemoved));
        Assert.Equal([batchId], report.Batches);
        Assert.Equal(["suppressions"], await TablesNamingAsync(f.Database, address));
        Assert.Equal([("MANUAL", "erasure", "erasure")], (await f.Database.RowsAsync("SELECT reason::text, source, note FROM suppressions")).Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)));
        Assert.Empty(await BlobsNamingAsync(blobs, address));

        // The batch says what happened and still adds up; the others are untouched, in the database and in the files.
        var counters = Assert.Single(await f.Database.RowsAsync(
            $"SELECT total_prospects, generated_emails, erased_prospects, status::text FROM batches WHERE id = '{batchId}'"));
        Assert.Equal<object?>([2, 2, 1, "COMPLETED"], counters);
        var results = (await blobs.GetBlobContainerClient("outreach-results").GetBlobClient($"{batchId}/emails.csv").DownloadContentAsync(Ct)).Value.Content.ToString();
        Assert.Contains("ben@keep.example", results, StringComparison.Ordinal);
        Assert.Contains("cy@keep.example", (await source.DownloadContentAsync(Ct)).Value.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal(1L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM company_profiles"));

        // The rewritten upload is not a new file, and the person cannot come back in a new one.
        var again = await processor.ProcessAsync(source, f.Campaign.Id.ToString(), f.Client, Ct);
        Assert.True(again.AlreadyIngested);
        Assert.Equal(1L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM batches"));
        var fresh = uploads.GetBlobClient($"{f.Campaign.Id}/{Guid.NewGuid():N}.csv");
        await fresh.UploadAsync(new BinaryData(CsvFileBuilder.WithHeader("Email").Row(address).Row("dee@keep.example").Build()), Ct);
        var later = await processor.ProcessAsync(fresh, f.Campaign.Id.ToString(), f.Client, Ct);
        Assert.Equal((1, 1), (later.RowsAccepted, later.RowsRejected));
        await f.WaitAsync(Batch.InstanceIdFor(later.BatchId!.Value));
    }

    [Fact]
    public async Task ErasePerson_OverHttp_RefusesADomainAndARunningBatchAndErasesOtherwise()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["first", "second"]);
        var address = seed.Scenario.Prospects[0].EmailNormalized;
        var people = new PeopleFunctions(api.Get<PersonErasure>());

        var domain = await api.SendAsync(r => people.ErasePerson(r, Ct), "DELETE", "/api/people", query: "email=%40example.com");
        await api.Database.ExecuteAsync($"UPDATE batches SET status = 'GENERATING' WHERE id = '{seed.Scenario.Batch.Id}'");
        var running = await api.SendAsync(r => people.ErasePerson(r, Ct), "DELETE", "/api/people", query: $"email={Uri.EscapeDataString(address)}");
        // The seed moves prospects without counting them; count them as the pipeline would have.
        await api.Database.ExecuteAsync($"UPDATE batches SET status = 'COMPLETED', enriched_prospects = 2, generated_emails = 2 WHERE id = '{seed.Scenario.Batch.Id}'");
        var erased = await api.SendAsync(r => people.ErasePerson(r, Ct), "DELETE", "/api/people", query: $"email={Uri.EscapeDataString(address)}");
        var twice = await api.SendAsync(r => people.ErasePerson(r, Ct), "DELETE", "/api/people", query: $"email={Uri.EscapeDataString(address)}");

        Assert.Equal((400, "An erasure is for one person: give their email address, not a domain."), (domain.Status, domain.Detail));
        Assert.Equal(409, running.Status);
        Assert.Contains("still running", running.Detail, StringComparison.Ordinal);
        Assert.Equal((200, 1, true), (erased.Status, (int)erased.Json["prospectsErased"]!, (bool)erased.Json["suppressed"]!));
        Assert.Equal((200, 0), (twice.Status, (int)twice.Json["prospectsErased"]!));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM prospects"));
        Assert.Equal<object?>([1, 1, 1, 1], Assert.Single(await api.Database.RowsAsync(
            $"SELECT total_prospects, enriched_prospects, generated_emails, erased_prospects FROM batches WHERE id = '{seed.Scenario.Batch.Id}'")));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Every table of the schema with a row whose text holds the address (any case).
    private static async Task<List<string>> TablesNamingAsync(TestDatabase database, string address)
    {
        var tables = (await database.RowsAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"))
            .Select(r => (string)r[0]!).ToList();
        var naming = new List<string>();
        foreach (var table in tables)
        {
            if (await database.ScalarAsync<long>($"SELECT count(*) FROM \"{table}\" t WHERE strpos(lower(t::text), '{address.ToLowerInvariant()}') > 0") > 0)
            {
                naming.Add(table);
            }
        }

        return naming;
    }

    // Every blob of every container in the storage account whose content holds the address (any case).
    private static async Task<List<string>> BlobsNamingAsync(BlobServiceClient blobs, string address)
    {
        var naming = new List<string>();
        await foreach (var container in blobs.GetBlobContainersAsync(cancellationToken: Ct))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var item in client.GetBlobsAsync(cancellationToken: Ct))
            {
                if (item.Properties.ContentLength > 50_000_000)
                {
                    continue;
                }

                var text = (await client.GetBlobClient(item.Name).DownloadContentAsync(Ct)).Value.Content.ToString();
                if (text.Contains(address, StringComparison.OrdinalIgnoreCase))
                {
                    naming.Add($"{container.Name}/{item.Name}");
                }
            }
        }

        return naming;
    }
}
