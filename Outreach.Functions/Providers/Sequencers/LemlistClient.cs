using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Sequencers;

/// <summary>
/// lemlist, <c>POST /api/campaigns/{campaign}/leads/{email}?deduplicate=true</c>: one lead per call, Basic auth with
/// an empty login and the key as password, custom variables at the top level of the body. A lead already in the
/// campaign (lemlist answers 400 "… already …") is skipped, another 400 fails that lead alone; the answer's
/// <c>_id</c> is the lead's id.
/// </summary>
public sealed class LemlistClient(HttpClient http, ProviderSettingsStore store, IOptionsMonitor<LemlistOptions> options)
    : SequencerClient(http, store, Descriptor, options.CurrentValue)
{
    /// <summary>Who this sequencer is.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("lemlist", "lemlist", LemlistOptions.SectionName, RetryMode.RejectedOnly);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public override PushTarget Target => PushTarget.Lemlist;

    /// <inheritdoc />
    public override async Task<IReadOnlyList<LeadResult>> PushAsync(string campaign, IReadOnlyList<SequencerLead> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var results = new List<LeadResult>(leads.Count);
        foreach (var lead in leads)
        {
            results.Add(await PushOneAsync(campaign, lead, cancellationToken));
        }

        return results;
    }

    private async Task<LeadResult> PushOneAsync(string campaign, SequencerLead lead, CancellationToken cancellationToken)
    {
        var (response, _) = await SendAsync(
            settings => new HttpRequestMessage(HttpMethod.Post, $"api/campaigns/{Uri.EscapeDataString(campaign)}/leads/{Uri.EscapeDataString(lead.Email)}?deduplicate=true")
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + settings.ApiKey))) },
                Content = JsonContent.Create(Body(lead), options: Json),
            },
            cancellationToken);
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
            {
                // lemlist's refusals of one lead are plain text; they may quote the address, which stays out of the reason.
                var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Replace(lead.Email, "(address)", StringComparison.OrdinalIgnoreCase);
                var reason = ProviderErrors.Shorten(string.IsNullOrWhiteSpace(text) ? $"refused ({(int)response.StatusCode})" : text);
                return text.Contains("already", StringComparison.OrdinalIgnoreCase)
                    ? new LeadResult(lead.EmailId, PushStatus.Skipped, Reason: $"{Name}: {reason}")
                    : new LeadResult(lead.EmailId, PushStatus.Failed, Reason: $"{Name}: {reason}");
            }

            await ProviderErrors.ThrowIfFailedAsync(Name, response, cancellationToken, notFound: $"no campaign {campaign}");
            var created = await ProviderHttp.ReadJsonAsync<CreatedLead>(response, Name, Json, cancellationToken);
            return new LeadResult(lead.EmailId, PushStatus.Pushed, created.Id);
        }
    }

    private static Dictionary<string, string?> Body(SequencerLead lead)
    {
        var body = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["firstName"] = lead.FirstName,
            ["lastName"] = lead.LastName,
            ["companyName"] = lead.Company,
            ["jobTitle"] = lead.Title,
        };
        if (lead.Website is { } website && Uri.TryCreate(website, UriKind.Absolute, out var uri))
        {
            body["companyDomain"] = uri.Host;
        }

        foreach (var (name, value) in lead.Variables())
        {
            body[name] = value;
        }

        return body;
    }

    private sealed record CreatedLead([property: System.Text.Json.Serialization.JsonPropertyName("_id")] string? Id);
}
