using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Entities;
using Outreach.Functions.Activities;
using Outreach.Functions.Application.Webhooks;
using Outreach.Functions.Triggers.Http;
using Outreach.Functions.Webhooks;
using Outreach.Tests.Api;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: a CloudEvent signed per Standard Webhooks, verified here with the spec's own algorithm written
/// out independently; retried on a 5xx, given up after the last attempt; private addresses refused.
/// </summary>
public sealed class WebhookTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Sign_ForTheStandardWebhooksTestVector_GivesTheSpecsSignature() =>
        Assert.Equal(
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            WebhookSigner.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}"""));

    [Theory]
    [InlineData("https://hooks.example.com/x", "secret", "Webhooks__Endpoints__0: the secret must be a Standard Webhooks secret: whsec_ followed by base64 (24 to 64 random bytes).")]
    [InlineData("https://hooks.example.com/x", "whsec_c2hvcnQ=", "Webhooks__Endpoints__0: the secret holds 5 bytes; use 24 to 64 random bytes after whsec_.")]
    [InlineData("ftp://hooks.example.com/x", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Webhooks__Endpoints__0: url 'ftp://hooks.example.com/x' must be an absolute https:// (or http://) URL without a user name or password.")]
    public void Validate_WhenAConfiguredReceiverIsMalformed_NamesTheSettingAndWhatItMustBe(string url, string secret, string expected)
    {
        var options = new WebhookOptions { Endpoints = [new WebhookEndpointOptions { Url = url, Secret = secret }] };

        var result = Assert.Single(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));

        Assert.Equal(expected, result.ErrorMessage);
    }

    [Fact]
    public async Task BatchFinished_WhenOneReceiverFailsOnceAndAnotherAlways_DeliversSignedEventsRetriesAndGivesUpAfterTheLastAttempt()
    {
        var secret = WebhookSigner.NewSecret();
        await using var flaky = await FakeProviderServer.StartAsync();
        flaky.ThenStatus(500).Always(async ctx => await ctx.Response.WriteAsync("ok"));
        await using var down = await FakeProviderServer.StartAsync();
        down.Always(ctx =>
        {
            ctx.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var f = await PipelineFixture.StartAsync(server, new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateAddresses"] = "true",
            ["Webhooks:FirstRetryDelaySeconds"] = "1",
            ["Webhooks:MaxAttempts"] = "3",
            ["Webhooks:Endpoints:0:Url"] = flaky.BaseUrl + "/hooks/outreach",
            ["Webhooks:Endpoints:0:Secret"] = secret,
            ["Webhooks:Endpoints:1:Url"] = down.BaseUrl + "/down",
            ["Webhooks:Endpoints:1:Secret"] = secret,
        });

        var batchId = await f.StartBatchAsync("ada@example.com", "bob@example.com");
        var run = await f.WaitAsync(Batch.InstanceIdFor(batchId));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        await PipelineFixture.WaitUntilAsync("both deliveries to settle", async () =>
            await f.Database.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status <> 'PENDING'") == 2);

        var deliveries = (await f.Database.RowsAsync("SELECT endpoint, status::text, attempts, last_status_code, id FROM webhook_deliveries ORDER BY endpoint"))
            .Select(r => ((string)r[0]!, (string)r[1]!, (int)r[2]!, (int?)r[3], (Guid)r[4]!)).ToList();
        Assert.Equal(("settings:0", "DELIVERED", 2, (int?)200), (deliveries[0].Item1, deliveries[0].Item2, deliveries[0].Item3, deliveries[0].Item4));
        Assert.Equal(("settings:1", "FAILED", 3, (int?)503), (deliveries[1].Item1, deliveries[1].Item2, deliveries[1].Item3, deliveries[1].Item4));
        Assert.Equal(3, down.Requests.Count);

        // Both attempts carry the same webhook-id, each its own timestamp and a signature the receiver can check.
        var attempts = flaky.Requests;
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(deliveries[0].Item5.ToString("D"), a.Headers["webhook-id"]);
            Assert.True(Verifies(secret, a), $"signature {a.Headers["webhook-signature"]} does not verify");
            Assert.StartsWith("application/cloudevents+json", a.Headers["Content-Type"], StringComparison.Ordinal);
            Assert.InRange(long.Parse(a.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        });
        Assert.False(Verifies(WebhookSigner.NewSecret(), attempts[0]));

        var cloudEvent = attempts[1].Json;
        var jobId = await f.Database.ScalarAsync<Guid>("SELECT id FROM processing_jobs");
        Assert.Equal("1.0", (string?)cloudEvent["specversion"]);
        Assert.Equal(WebhookEvent.BatchFinished, (string?)cloudEvent["type"]);
        Assert.Equal($"batches/{batchId:D}/jobs/{jobId:D}", (string?)cloudEvent["subject"]);
        Assert.Equal("COMPLETED", (string?)cloudEvent["data"]!["status"]);
        Assert.Equal(2, (int?)cloudEvent["data"]!["generatedEmails"]);
        Assert.Equal((string?)cloudEvent["id"], (string?)JsonNode.Parse(down.Requests[0].Body)!["id"]);
        Assert.DoesNotContain("@", attempts[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWebhook_WhenTheUrlIsPrivateOrTheSettingNameIsNot_IsRefusedAndAPublicOneIsListedWithoutItsSecret()
    {
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = "https://hooks.example.com/from-settings",
            ["Webhooks:Endpoints:0:Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Webhooks:Secrets:Crm"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        });
        var functions = new WebhookFunctions(api.Get<WebhookRegistry>());

        var loopback = await AddAsync(api, """{"url":"http://127.0.0.1:8080/hook","secretSetting":"Webhooks__Secrets__Crm"}""");
        var metadata = await AddAsync(api, """{"url":"http://169.254.169.254/latest","secretSetting":"Webhooks__Secrets__Crm"}""");
        var badSetting = await AddAsync(api, """{"url":"https://93.184.215.14/hook","secretSetting":"not a setting!"}""");
        var added = await AddAsync(api, """{"url":"https://93.184.215.14/hook","secretSetting":"Webhooks__Secrets__Crm","description":"CRM"}""");
        var list = await api.SendAsync(r => functions.ListWebhooks(r, Ct), "GET", "/api/webhooks");

        Assert.Equal((400, "url's host 127.0.0.1 resolves only to private or local addresses; webhooks are sent to public addresses only."), (loopback.Status, loopback.Detail));
        Assert.Equal(400, metadata.Status);
        Assert.Equal((400, "secretSetting 'not a setting!' is not a setting name (letters, digits, _ : - .)."), (badSetting.Status, badSetting.Detail));
        Assert.Equal(201, added.Status);
        Assert.Equal(2, list.Json["endpoints"]!.AsArray().Count);
        Assert.All(list.Json["endpoints"]!.AsArray(), e => Assert.True((bool)e!["secretSet"]!));
        Assert.DoesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", list.Body, StringComparison.Ordinal);
        var removed = await api.SendAsync(r => functions.RemoveWebhook(r, (string)added.Json["id"]!, Ct), "DELETE", "/api/webhooks/x");
        var again = await api.SendAsync(r => functions.RemoveWebhook(r, (string)added.Json["id"]!, Ct), "DELETE", "/api/webhooks/x");
        Assert.Equal((204, 404), (removed.Status, again.Status));
    }

    [Fact]
    public async Task DeliverWebhook_WhenAConfiguredReceiverIsOnAPrivateAddress_FailsAtOnceWithoutConnecting()
    {
        await using var receiver = await FakeProviderServer.StartAsync();
        await using var api = await ApiFixture.StartAsync(server, new Dictionary<string, string?>
        {
            ["Webhooks:Endpoints:0:Url"] = receiver.BaseUrl + "/hook",
            ["Webhooks:Endpoints:0:Secret"] = WebhookSigner.NewSecret(),
        });
        var delivery = new WebhookDelivery("settings:0", receiver.BaseUrl + "/hook", WebhookEvent.BatchFinished, "batches/x/jobs/y", """{"specversion":"1.0"}""", DateTimeOffset.UtcNow);
        await using (var db = api.Database.CreateContext())
        {
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(Ct);
        }

        await ActivatorUtilities.CreateInstance<DeliverWebhook>(api.Services).RunAsync(delivery.Id, Ct);

        var row = Assert.Single(await api.Database.RowsAsync("SELECT status::text, attempts, last_error FROM webhook_deliveries"));
        Assert.Equal(("FAILED", 1), ((string)row[0]!, (int)row[1]!));
        Assert.Equal("127.0.0.1 resolves only to private or local addresses, which the webhook sender does not visit", (string)row[2]!);
        Assert.Empty(receiver.Requests);
    }

    // The Standard Webhooks verification, written from the spec rather than through the app's signer.
    private static bool Verifies(string secret, RecordedRequest request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = $"{request.Headers["webhook-id"]}.{request.Headers["webhook-timestamp"]}.{request.Body}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
        return request.Headers["webhook-signature"].Split(' ').Any(s => s == "v1," + expected);
    }

    private static Task<ApiResponse> AddAsync(ApiFixture api, string body) =>
        api.SendAsync(r => new WebhookFunctions(api.Get<WebhookRegistry>()).AddWebhook(r, Ct), "POST", "/api/webhooks", body);
}
