using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outreach.Tests.Providers;

namespace Outreach.Tests.Sequencers;

/// <summary>
/// lemlist's <c>POST /api/campaigns/{id}/leads/{email}?deduplicate=true</c>: Basic auth with an empty login and the key
/// as password, one lead per call, plain-text 400s ("Lead already in the campaign", "Invalid email"), the lead with
/// its <c>_id</c> on success.
/// </summary>
internal sealed class FakeLemlist : FakeSequencer
{
    public const string ApiKey = "lm-secret-key-9988776655";

    private FakeLemlist(FakeProviderServer server)
        : base(server, ApiKey, "cam_A1B2C3D4E5")
    {
    }

    /// <summary>Addresses lemlist refuses as invalid (its own check is stricter than an address's syntax).</summary>
    public HashSet<string> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<FakeLemlist> StartAsync() => new(await FakeProviderServer.StartAsync());

    protected override bool Authorized(HttpRequest request) =>
        request.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Key));

    protected override async Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.StatusCode = 401;
        await context.Response.WriteAsync("Invalid API key");
    }

    protected override async Task AnswerAsync(HttpContext context, string body)
    {
        var prefix = $"/api/campaigns/{Campaign}/leads/";
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Request.Method != "POST" || !path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("Campaign not found");
            return;
        }

        CountSent(1);
        var email = Uri.UnescapeDataString(path[prefix.Length..]);
        if (Refused.Contains(email))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("Invalid email");
            return;
        }

        var lead = JsonNode.Parse(body)!.AsObject();
        lead["_id"] = $"lea_{Guid.NewGuid():N}";
        lead["email"] = email;
        if (context.Request.Query["deduplicate"] == "true" && !Leads.TryAdd(email, lead))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($"Lead {email} already in the campaign");
            return;
        }

        Leads.TryAdd(email, lead);
        await JsonAsync(context, 200, lead);
    }
}
