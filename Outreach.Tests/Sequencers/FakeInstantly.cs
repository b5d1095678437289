using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Sequencers;

/// <summary>
/// Instantly API v2's <c>POST /api/v2/leads/add</c> as documented: Bearer key, <c>campaign_id</c>, 1–1000 leads, a lead
/// already in the campaign skipped under <c>skip_if_in_campaign</c>, the summary with <c>created_leads[{id, email, index}]</c>,
/// and its error shape <c>{"statusCode","error","message"}</c>.
/// </summary>
internal sealed class FakeInstantly : FakeSequencer
{
    public const string ApiKey = "inst-secret-key-5566778899";

    private FakeInstantly(FakeProviderServer server)
        : base(server, ApiKey, "019cc043-e39c-7d91-a325-6615db0e1b14")
    {
    }

    public static async Task<FakeInstantly> StartAsync() => new(await FakeProviderServer.StartAsync());

    protected override bool Authorized(HttpRequest request) => request.Headers.Authorization.ToString() == $"Bearer {Key}";

    protected override Task UnauthorizedAsync(HttpContext context) =>
        JsonAsync(context, 401, new JsonObject { ["statusCode"] = 401, ["error"] = "Unauthorized", ["message"] = "Invalid API key" });

    protected override async Task AnswerAsync(HttpContext context, string body)
    {
        if (context.Request.Method != "POST" || context.Request.Path != "/api/v2/leads/add")
        {
            await JsonAsync(context, 404, new JsonObject { ["statusCode"] = 404, ["error"] = "Not Found", ["message"] = $"Route {context.Request.Method}:{context.Request.Path} not found" });
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        var leads = request["leads"]!.AsArray();
        if (leads.Count is < 1 or > 1000)
        {
            await JsonAsync(context, 400, new JsonObject { ["statusCode"] = 400, ["error"] = "Bad Request", ["message"] = "body/leads must NOT have more than 1000 items" });
            return;
        }

        if ((string?)request["campaign_id"] != Campaign)
        {
            await JsonAsync(context, 404, new JsonObject { ["statusCode"] = 404, ["error"] = "Not Found", ["message"] = "Campaign not found" });
            return;
        }

        CountSent(leads.Count);
        var created = new JsonArray();
        var (skipped, invalid) = (0, 0);
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i]!.AsObject();
            var email = (string)lead["email"]!;
            if (!email.Contains('@', StringComparison.Ordinal))
            {
                invalid++;
                continue;
            }

            var id = Guid.CreateVersion7().ToString();
            var stored = (JsonObject)lead.DeepClone();
            stored["id"] = id;
            if (!Leads.TryAdd(email, stored))
            {
                skipped++;
                continue;
            }

            created.Add(new JsonObject { ["id"] = id, ["email"] = email, ["index"] = i });
        }

        await JsonAsync(context, 200, new JsonObject
        {
            ["status"] = "success",
            ["total_sent"] = leads.Count,
            ["leads_uploaded"] = created.Count,
            ["in_blocklist"] = 0,
            ["skipped_count"] = skipped,
            ["invalid_email_count"] = invalid,
            ["duplicate_email_count"] = 0,
            ["remaining_in_plan"] = 9000,
            ["created_leads"] = created,
        });
    }
}
