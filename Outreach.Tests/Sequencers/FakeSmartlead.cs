using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Sequencers;

/// <summary>
/// Smartlead's <c>POST /api/v1/campaigns/{id}/leads?api_key=…</c>: the key in the query string (a wrong key is echoed
/// back in the error, as Smartlead does), up to 400 leads in <c>lead_list</c>, duplicates skipped with a reason.
/// </summary>
internal sealed class FakeSmartlead : FakeSequencer
{
    public const string ApiKey = "sl-secret-key-1122334455";

    private FakeSmartlead(FakeProviderServer server)
        : base(server, ApiKey, "1234567")
    {
    }

    public static async Task<FakeSmartlead> StartAsync() => new(await FakeProviderServer.StartAsync());

    protected override bool Authorized(HttpRequest request) => request.Query["api_key"] == Key;

    protected override Task UnauthorizedAsync(HttpContext context) =>
        JsonAsync(context, 401, new JsonObject { ["message"] = $"Invalid api_key {context.Request.Query["api_key"]} — check your settings" });

    protected override async Task AnswerAsync(HttpContext context, string body)
    {
        if (context.Request.Method != "POST" || context.Request.Path != $"/api/v1/campaigns/{Campaign}/leads")
        {
            await JsonAsync(context, 404, new JsonObject { ["message"] = "Campaign not found" });
            return;
        }

        var leads = JsonNode.Parse(body)!["lead_list"]!.AsArray();
        if (leads.Count is < 1 or > 400)
        {
            await JsonAsync(context, 400, new JsonObject { ["message"] = "lead_list must contain between 1 and 400 leads" });
            return;
        }

        CountSent(leads.Count);
        var skippedLeads = new JsonArray();
        var added = 0;
        foreach (var lead in leads)
        {
            var email = (string)lead!["email"]!;
            if (Leads.TryAdd(email, (JsonObject)lead.DeepClone()))
            {
                added++;
            }
            else
            {
                skippedLeads.Add(new JsonObject { ["email"] = email, ["reason"] = $"{email} already exists in campaign" });
            }
        }

        await JsonAsync(context, 200, new JsonObject
        {
            ["ok"] = true,
            ["added_count"] = added,
            ["skipped_count"] = skippedLeads.Count,
            ["skipped_leads"] = skippedLeads,
            ["total_leads"] = Leads.Count,
        });
    }
}
