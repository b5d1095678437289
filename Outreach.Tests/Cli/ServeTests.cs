using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Cli.Serve;
using Outreach.Functions.Ingestion;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Cli;

/// <summary>
/// <c>outreach serve</c>: the Functions app's HTTP API, the container scan and the engine in one process on 127.0.0.1,
/// behind the printed token — on real PostgreSQL, Azurite and the local engine.
/// </summary>
public sealed class ServeTests(PostgresServer server)
{
    private const string Token = "test-token-0123456789abcdef";

    [Fact]
    public async Task Serve_WithoutTheToken_Answers401ExceptHealth()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await StartAsync(f);
        using var http = new HttpClient { BaseAddress = console.Address };

        var api = await http.GetAsync(new Uri("api/campaigns", UriKind.Relative), Ct);
        var page = await http.GetAsync(new Uri("/", UriKind.Relative), Ct);
        var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/campaigns") { Headers = { { "Authorization", "Bearer not-it" } } }, Ct);
        var health = await http.GetAsync(new Uri("api/health", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (api.StatusCode, api.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("outreach serve", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Serve_WithTheTokenAsHeaderOrAsTheCookieOfThePrintedUrl_AnswersTheApisRoutes()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await StartAsync(f);
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(cookies) { BaseAddress = console.Address };
        using var script = new HttpClient { BaseAddress = console.Address };
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

        var opened = await browser.GetAsync(console.OpenUrl, Ct);
        var withCookie = await browser.GetAsync(new Uri("api/campaigns", UriKind.Relative), Ct);
        var campaigns = JsonNode.Parse(await (await script.GetAsync(new Uri("api/campaigns", UriKind.Relative), Ct)).Content.ReadAsStringAsync(Ct))!;
        var unknownBatch = await script.GetAsync(new Uri($"api/batches/{Guid.NewGuid()}", UriKind.Relative), Ct);
        var noRoute = await script.GetAsync(new Uri("api/nothing-here", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Found, opened.StatusCode);
        Assert.Equal("/", opened.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(f.Campaign.Name, (string?)campaigns["items"]![0]!["name"]);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknownBatch.StatusCode, unknownBatch.Content.Headers.ContentType?.MediaType));
        Assert.Contains($"No batch with id", await unknownBatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("No such route", await noRoute.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EveryHttpFunction_IsMappedAtItsRoute()
    {
        var functions = typeof(Outreach.Functions.Triggers.Http.BatchFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Count(m => m.GetParameters().Any(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).Length > 0));

        Assert.True(functions >= 24, $"Only {functions} HTTP functions were found.");
        Assert.Equal(functions, FunctionRoutes.All.Count);
        Assert.Contains(FunctionRoutes.All, r => r.Route == "batches/{id}/emails.csv" && r.Verbs.SequenceEqual(["GET"]));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Serve_ListensOnLoopbackOnly()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await StartAsync(f);

        Assert.Equal("127.0.0.1", console.Address.Host);
        var elsewhere = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToList();
        foreach (var address in elsewhere)
        {
            using var client = new TcpClient();
            var refused = await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(address, console.Address.Port, Ct));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    [Fact]
    public async Task Serve_WhenAFileIsDroppedIntoTheUploadsContainer_ImportsItAndRunsTheBatch()
    {
        await using var f = await PipelineFixture.StartAsync(server);
        await using var console = await StartAsync(f);
        var csv = CsvFileBuilder.WithHeader("Email", "Full Name", "Company").Row("drop1@serve.example", "Ada One", "Acme").Row("drop2@serve.example", "Bo Two", "Acme");
        var uploads = new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await uploads.CreateIfNotExistsAsync(cancellationToken: Ct);
        var blob = uploads.GetBlobClient($"{f.Campaign.Name}/serve-{Guid.NewGuid():N}.csv");
        await blob.UploadAsync(new BinaryData(csv.Build()), Ct);

        try
        {
            await PipelineFixture.WaitUntilAsync(
                "the dropped file's batch to finish",
                async () => await f.Database.ScalarAsync<long>("SELECT count(*) FROM batches WHERE status = 'COMPLETED' AND total_prospects = 2") == 1);
        }
        finally
        {
            await blob.DeleteIfExistsAsync(cancellationToken: Ct);
        }

        Assert.Equal(2L, await f.Database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ConsoleServer> StartAsync(PipelineFixture f) =>
        ConsoleServer.StartAsync(f.Engine, port: 0, Token, webRoot: null, NullLoggerFactory.Instance, Ct);
}
