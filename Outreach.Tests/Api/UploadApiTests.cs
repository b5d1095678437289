using Azure.Storage.Blobs;
using Outreach.Functions.Application;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Triggers.Http;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Api;

/// <summary><c>POST /api/campaigns/{id}/uploads</c> and <c>GET /api/uploads/{id}</c>, with the blob trigger's code importing what was posted.</summary>
public sealed class UploadApiTests(PostgresServer server)
{
    private const string Csv = "Email,Full Name,Company\r\nada@engines.example,Ada Lovelace,Analytical Engines\r\nnot-an-email,Bad Row,X\r\ncharles@engines.example,Charles Babbage,Analytical Engines\r\n";

    [Fact]
    public async Task Upload_WhenACsvIsPosted_StoresTheBlobAnswers202AndTheBlobTriggerImportsIntoThatUpload()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaignId = await CampaignAsync(api);

        var posted = await api.SendAsync(r => Functions(api).UploadProspects(r, campaignId.ToString(), Ct), "POST", $"/api/campaigns/{campaignId}/uploads", Csv, query: "name=Q3 leads.csv", contentType: "text/csv");

        Assert.Equal(202, posted.Status);
        var uploadId = (string)posted.Json["id"]!;
        Assert.Equal($"/api/uploads/{uploadId}", posted.Headers.Location);
        var received = await GetUploadAsync(api, uploadId);
        Assert.Equal(("RECEIVED", $"{campaignId}/Q3-leads.csv"), ((string?)received.Json["status"], (string?)received.Json["blobName"]));

        var blob = api.Get<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer).GetBlobClient($"{campaignId}/Q3-leads.csv");
        var result = await api.Get<BlobUploadProcessor>().ProcessAsync(blob, campaignId.ToString(), AppServices.DurableClient().Object, Ct);

        Assert.Equal(Guid.Parse(uploadId), result.UploadId);
        var imported = await GetUploadAsync(api, uploadId);
        Assert.Equal(("IMPORTED", 3, 2, 1), ((string?)imported.Json["status"], (int)imported.Json["rowsTotal"]!, (int)imported.Json["rowsAccepted"]!, (int)imported.Json["rowsRejected"]!));
        Assert.Equal(3, (int)imported.Json["rejectedRows"]![0]!["line"]!);
        Assert.Equal(result.BatchId.ToString(), (string?)imported.Json["batchId"]);
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
    }

    [Fact]
    public async Task Upload_WhenTheSameFileIsPostedTwice_TheSecondPointsAtTheFirstBatch()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaignId = await CampaignAsync(api);
        var first = await PostAndImportAsync(api, campaignId, "a");

        var second = await PostAndImportAsync(api, campaignId, "b");

        var view = await GetUploadAsync(api, second);
        Assert.Equal("IMPORTED", (string?)view.Json["status"]);
        Assert.Equal((string?)(await GetUploadAsync(api, first)).Json["batchId"], (string?)view.Json["batchId"]);
        Assert.StartsWith("The same content was received before as upload", (string?)view.Json["errorMessage"], StringComparison.Ordinal);
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM batches"));
    }

    [Fact]
    public async Task Upload_WhenTheBodyIsLargerThanTheLimit_Answers413AndStoresNothing()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?> { ["Import:MaxFileBytes"] = "64" });
        var campaignId = await CampaignAsync(api);

        var response = await api.SendAsync(r => Functions(api).UploadProspects(r, campaignId.ToString(), Ct), "POST", "/x", Csv, contentType: "text/csv");

        Assert.Equal((413, "The file is larger than 64 bytes (Import__MaxFileBytes)."), (response.Status, response.Detail));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
    }

    [Fact]
    public async Task Upload_WhenTheBodyHasNoLengthAndRunsPastTheLimit_Answers413WhileStreaming()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?> { ["Import:MaxFileBytes"] = "64" });
        var campaignId = await CampaignAsync(api);

        var response = await api.SendAsync(
            r =>
            {
                r.ContentLength = null;
                return Functions(api).UploadProspects(r, campaignId.ToString(), Ct);
            },
            "POST", "/x", Csv, query: "name=big", contentType: "text/csv");

        Assert.Equal(413, response.Status);
        Assert.False(await api.Get<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer).GetBlobClient($"{campaignId}/big.csv").ExistsAsync(Ct));
    }

    [Theory]
    [InlineData("not-a-guid", "text/csv", Csv, 400)]
    [InlineData("0195f1a0-0000-7000-8000-000000000000", "text/csv", Csv, 404)]
    [InlineData(null, "application/json", "{}", 415)]
    [InlineData(null, "text/csv", "", 400)]
    public async Task Upload_WhenTheRequestIsNotAnUpload_AnswersProblemDetails(string? id, string contentType, string body, int status)
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaignId = id ?? (await CampaignAsync(api)).ToString();

        var response = await api.SendAsync(r => Functions(api).UploadProspects(r, campaignId, Ct), "POST", "/x", body, contentType: contentType);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task Upload_WhenTheNameIsTaken_Answers409()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var campaignId = await CampaignAsync(api);
        await api.SendAsync(r => Functions(api).UploadProspects(r, campaignId.ToString(), Ct), "POST", "/x", Csv, query: "name=leads", contentType: "text/csv");

        var response = await api.SendAsync(r => Functions(api).UploadProspects(r, campaignId.ToString(), Ct), "POST", "/x", Csv + "x@y.example,X,Y\r\n", query: "name=leads", contentType: "text/csv");

        Assert.Equal((409, "An upload named leads.csv already exists for this campaign; choose another name."), (response.Status, response.Detail));
    }

    [Theory]
    [InlineData("not-a-guid", 400)]
    [InlineData("0195f1a0-0000-7000-8000-000000000000", 404)]
    public async Task GetUpload_WhenTheIdIsMalformedOrUnknown_AnswersProblemDetails(string id, int status)
    {
        await using var api = await ApiFixture.StartAsync(server);

        Assert.Equal(status, (await GetUploadAsync(api, id)).Status);
    }

    private static async Task<string> PostAndImportAsync(ApiFixture api, Guid campaignId, string name)
    {
        var posted = await api.SendAsync(r => Functions(api).UploadProspects(r, campaignId.ToString(), Ct), "POST", "/x", Csv, query: $"name={name}", contentType: "text/csv");
        var blob = api.Get<BlobServiceClient>().GetBlobContainerClient(BlobUploadProcessor.UploadsContainer).GetBlobClient($"{campaignId}/{name}.csv");
        await api.Get<BlobUploadProcessor>().ProcessAsync(blob, campaignId.ToString(), AppServices.DurableClient().Object, Ct);
        return (string)posted.Json["id"]!;
    }

    private static Task<ApiResponse> GetUploadAsync(ApiFixture api, string id) =>
        api.SendAsync(r => api.Create<RecordFunctions>().GetUpload(r, id, Ct), "GET", $"/api/uploads/{id}");

    private static async Task<Guid> CampaignAsync(ApiFixture api) => (await new CampaignBuilder().SaveWithServiceAsync(api.Database)).Id;

    [Fact]
    public async Task PreviewUpload_OfTheSample_AnswersWhatAnUploadWouldTakeAndStoresNothing()
    {
        await using var api = await ApiFixture.StartAsync(server);
        var sample = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "samples", "prospects.csv"), Ct);
        var records = api.Create<RecordFunctions>();

        var preview = await api.SendAsync(r => records.PreviewUpload(r, Ct), "POST", "/api/uploads/preview", sample, contentType: "text/csv");
        var notCsv = await api.SendAsync(r => records.PreviewUpload(r, Ct), "POST", "/api/uploads/preview", "{}", contentType: "application/json");
        var noEmail = await api.SendAsync(r => records.PreviewUpload(r, Ct), "POST", "/api/uploads/preview", "Name,Company\nAda,Acme\n", contentType: "text/csv");

        Assert.Equal(200, preview.Status);
        Assert.Equal(21, (int)preview.Json["accepted"]!);
        Assert.Equal([22, 23, 24, 25], preview.Json["rejected"]!.AsArray().Select(r => (int)r!["line"]!));
        Assert.Equal("email", (string?)preview.Json["mapping"]!["Email"]);
        Assert.Equal((415, 400), (notCsv.Status, noEmail.Status));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM csv_uploads"));
    }

    private static CatalogFunctions Functions(ApiFixture api) => new(api.Get<Catalog>(), api.Get<CatalogQueries>(), api.Get<UploadIntake>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
