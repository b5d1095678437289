using Azure.Storage.Blobs;
using Outreach.Functions.Application;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary>The CRM record id of an imported row (<c>Record ID</c>, <c>Lead ID</c>, …): kept on the prospect and carried into every export, formula-safe.</summary>
public sealed class ExternalIdTests(PostgresServer server)
{
    [Fact]
    public async Task ImportAndExport_OfAFileWithCrmRecordIds_KeepTheIdOnTheProspectAndCarryItIntoTheExport()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var seed = await ApiSeed.CreateAsync(api.Database, ["first"]);
        var campaign = seed.Scenario.Campaign;
        var file = CsvFileBuilder.WithHeader("Record ID", "Name", "Email").Row("hs-1", "Ada Lovelace", "ada@engines.example").Row("hs-2", "Grace Hopper", "grace@navy.example").Build();
        var container = api.Get<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        var blob = container.GetBlobClient($"{campaign.Id}/{Guid.NewGuid():N}.csv");
        await blob.UploadAsync(new BinaryData(file), Ct);
        var imported = await api.Get<BlobUploadProcessor>().ProcessAsync(blob, campaign.Id.ToString(), AppServices.DurableClient().Object, Ct);
        await api.Database.ExecuteAsync($"UPDATE prospects SET external_id = '=HYPERLINK(\"x\")' WHERE id = '{seed.Scenario.Prospects[0].Id}'");

        var csv = await api.SendAsync(
            r => new BatchFunctions(api.Get<BatchQueries>(), api.Get<ProspectQueries>(), api.Get<BatchControl>(), api.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Outreach.Data.Persistence.OutreachDbContext>>())
                .ExportBatchEmailsCsv(r, seed.Scenario.Batch.Id.ToString(), Ct),
            "GET",
            "/x");

        Assert.Equal(
            [("ada@engines.example", "hs-1"), ("grace@navy.example", "hs-2")],
            (await api.Database.RowsAsync($"SELECT email, external_id FROM prospects WHERE batch_id = '{imported.BatchId}' ORDER BY ordinal")).Select(r => ((string)r[0]!, (string)r[1]!)));
        var lines = csv.Body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(",external_id,", lines[0], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", lines[1], StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
