using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Suppressions;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>
/// <c>/api/suppressions</c> on real PostgreSQL and Azurite, and where the list is applied: a suppressed row is rejected
/// at import with its line, and a person suppressed after the import is left out of the export.
/// </summary>
public sealed class SuppressionApiTests(PostgresServer server)
{
    [Fact]
    public async Task Add_AnAddressThenTheSameAgain_CreatesOneEntryNormalizedAndUpdatesItTheSecondTime()
    {
        await using var api = await ApiFixture.StartAsync(server);

        var first = await AddAsync(api, """{"value":"  Ada@Engines.Example ","reason":"unsubscribed","note":"replied STOP"}""");
        var second = await AddAsync(api, """{"value":"ada@engines.example","reason":"BOUNCED"}""");
        var domain = await AddAsync(api, """{"value":"@Competitor.Example"}""");
        var bad = await AddAsync(api, """{"value":"not an address"}""");
        var badDomain = await AddAsync(api, """{"value":"@nodot"}""");
        var badReason = await AddAsync(api, """{"value":"x@y.example","reason":"ANNOYED"}""");

        Assert.Equal((201, "ada@engines.example", "UNSUBSCRIBED"), (first.Status, (string?)first.Json["value"], (string?)first.Json["reason"]));
        Assert.Equal((200, "BOUNCED", null), (second.Status, (string?)second.Json["reason"], (string?)second.Json["note"]));
        Assert.Equal((201, "@competitor.example", "MANUAL"), (domain.Status, (string?)domain.Json["value"], (string?)domain.Json["reason"]));
        Assert.Equal((400, "'not an address' is not a valid email address"), (bad.Status, bad.Detail));
        Assert.Equal((400, "'@nodot' is not a domain: write it as @example.com."), (badDomain.Status, badDomain.Detail));
        Assert.Equal(400, badReason.Status);
        Assert.StartsWith("reason 'ANNOYED' is not one of UNSUBSCRIBED, BOUNCED", badReason.Detail, StringComparison.Ordinal);
        Assert.Equal(2L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM suppressions"));
    }

    [Fact]
    public async Task Import_ACsvWithBadRows_StoresTheGoodOnesAndReportsEachBadLine()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var csv = "Email;Reason;Note\r\nada@engines.example;UNSUBSCRIBED;asked\r\nnot-an-address;;\r\n@rival.example;COMPETITOR;\r\ngrace@navy.example;ANNOYED;\r\nADA@engines.example;;duplicate\r\nkj@nasa.example;;\r\n";

        var imported = await api.SendAsync(r => Functions(api).ImportSuppressions(r, Ct), "POST", "/api/suppressions/import", csv, query: "reason=bounced&source=hubspot.csv", contentType: "text/csv");
        var listed = await api.SendAsync(r => Functions(api).ListSuppressions(r, Ct), "GET", "/api/suppressions", query: "search=EXAMPLE");
        var notCsv = await api.SendAsync(r => Functions(api).ImportSuppressions(r, Ct), "POST", "/x", "{}", contentType: "application/json");
        var noColumn = await api.SendAsync(r => Functions(api).ImportSuppressions(r, Ct), "POST", "/x", "Name\r\nAda\r\n", contentType: "text/csv");

        Assert.Equal(200, imported.Status);
        Assert.Equal((3, 0), ((int)imported.Json["added"]!, (int)imported.Json["updated"]!));
        Assert.Equal([3, 5], imported.Json["rejected"]!.AsArray().Select(r => (int)r!["line"]!));
        var rows = await api.Database.RowsAsync("SELECT value, reason::text, source FROM suppressions ORDER BY value");
        Assert.Equal(
            [("@rival.example", "COMPETITOR", "hubspot.csv"), ("ada@engines.example", "UNSUBSCRIBED", "hubspot.csv"), ("kj@nasa.example", "BOUNCED", "hubspot.csv")],
            rows.Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)));
        Assert.Equal(3L, (long)listed.Json["total"]!);
        Assert.Equal((415, 400), (notCsv.Status, noColumn.Status));
        Assert.StartsWith("No email column", noColumn.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_AnEntry_Answers204ThenA404()
    {
        await using var api = await ApiFixture.StartAsync(server);
        await AddAsync(api, """{"value":"ada@engines.example"}""");

        var removed = await api.SendAsync(r => Functions(api).RemoveSuppression(r, Ct), "DELETE", "/api/suppressions", query: "value=ADA%40engines.example");
        var again = await api.SendAsync(r => Functions(api).RemoveSuppression(r, Ct), "DELETE", "/api/suppressions", query: "value=ada%40engines.example");

        Assert.Equal((204, 404), (removed.Status, again.Status));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM suppressions"));
    }

    [Fact]
    public async Task Import_OfAFileWithSuppressedPeople_RejectsTheirRowsWithTheReasonAndLine()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaign = await new CampaignBuilder().SaveWithServiceAsync(api.Database);
        await AddAsync(api, """{"value":"grace@navy.example","reason":"UNSUBSCRIBED"}""");
        await AddAsync(api, """{"value":"@nasa.example","reason":"CUSTOMER"}""");
        var file = CsvFileBuilder.WithHeader("Name", "Email")
            .Row("Ada Lovelace", "ada@engines.example")
            .Row("Grace Hopper", "Grace@Navy.example")
            .Row("Katherine Johnson", "kj@nasa.example")
            .Row("Dorothy Vaughan", "dv@sub.nasa.example")
            .Build();
        var blob = api.Get<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await blob.CreateIfNotExistsAsync(cancellationToken: Ct);
        var client = blob.GetBlobClient($"{campaign.Id}/{Guid.NewGuid():N}.csv");
        await client.UploadAsync(new BinaryData(file), Ct);

        var result = await api.Get<BlobUploadProcessor>().ProcessAsync(client, campaign.Id.ToString(), AppServices.DurableClient().Object, Ct);

        Assert.Equal((2, 2), (result.RowsAccepted, result.RowsRejected));
        var rejected = await api.Database.RowsAsync(
            $"SELECT (r->>'line')::int, r->>'reason' FROM csv_uploads u, jsonb_array_elements(u.rejected_rows) r WHERE u.id = '{result.UploadId}' ORDER BY 1");
        Assert.Equal([(3, "suppressed: UNSUBSCRIBED"), (4, "suppressed: CUSTOMER")], rejected.Select(r => ((int)r[0]!, (string)r[1]!)));
        Assert.Equal(
            ["ada@engines.example", "dv@sub.nasa.example"],
            (await api.Database.RowsAsync($"SELECT email_normalized FROM prospects WHERE batch_id = '{result.BatchId}' ORDER BY ordinal")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Export_WhenAPersonIsSuppressedAfterTheImport_LeavesThemOutOfTheCsvAndTheResultsFile()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["first", "second", "third"]);
        var batchId = seed.Scenario.Batch.Id;
        var emails = seed.Scenario.Prospects.Select(p => p.EmailNormalized).ToList();
        await AddAsync(api, new JsonObject { ["value"] = emails[1] }.ToJsonString());
        await AddAsync(api, new JsonObject { ["value"] = "@" + emails[2].Split('@')[1] + ".other" }.ToJsonString());

        var csv = await api.SendAsync(
            r => new BatchFunctions(api.Get<BatchQueries>(), api.Get<ProspectQueries>(), api.Get<BatchControl>(), api.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Outreach.Data.Persistence.OutreachDbContext>>())
                .ExportBatchEmailsCsv(r, batchId.ToString(), Ct),
            "GET",
            "/x");
        var (resultsCsv, _) = await api.Get<Outreach.Functions.Pipeline.ResultsWriter>().WriteAsync(batchId, Ct);
        var stored = await api.Get<BlobServiceClient>().GetBlobContainerClient("outreach-results").GetBlobClient(resultsCsv["outreach-results/".Length..]).DownloadContentAsync(Ct);

        Assert.DoesNotContain(emails[1], csv.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(emails[0], csv.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(emails[2], csv.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(emails[1], stored.Value.Content.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, stored.Value.Content.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static SuppressionFunctions Functions(ApiFixture api) => new(api.Get<SuppressionList>(), api.Get<SuppressionQueries>(), api.Get<UploadIntake>());

    private static Task<ApiResponse> AddAsync(ApiFixture api, string body) =>
        api.SendAsync(r => Functions(api).AddSuppression(r, Ct), "POST", "/api/suppressions", body);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
