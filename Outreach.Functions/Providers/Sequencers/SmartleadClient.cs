using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Sequencers;

/// <summary>
/// Smartlead API v1, <c>POST /api/v1/campaigns/{campaign}/leads?api_key=…</c> with <c>{lead_list[], settings}</c>
/// (up to 400 leads). Smartlead returns counts and the leads it skipped (<c>skipped_leads[{email, reason}]</c>; older
/// answers list <c>unsubscribed_leads</c> only), not lead ids. The key rides in the query string, which the HttpClient
/// logs redact and the failure messages scrub.
/// </summary>
public sealed class SmartleadClient(HttpClient http, ProviderSettingsStore store, IOptionsMonitor<SmartleadOptions> options)
    : SequencerClient(http, store, Descriptor, options.CurrentValue)
{
    /// <summary>Who this sequencer is.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("smartlead", "Smartlead", SmartleadOptions.SectionName, RetryMode.RejectedOnly);


    /// <inheritdoc />
    public override PushTarget Target => PushTarget.Smartlead;

    /// <inheritdoc />
    public override async Task<IReadOnlyList<LeadResult>> PushAsync(string campaign, IReadOnlyList<SequencerLead> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var (body, _) = await CallAsync<AddLeadsResponse>(
            settings => new HttpRequestMessage(HttpMethod.Post, $"api/v1/campaigns/{Uri.EscapeDataString(campaign)}/leads?api_key={Uri.EscapeDataString(settings.ApiKey!)}")
            {
                Content = JsonContent.Create(new AddLeadsRequest([.. leads.Select(Lead)], new ImportSettings(false, false, false)), options: SnakeCase),
            },
            SnakeCase,
            notFound: $"no campaign {campaign}",
            cancellationToken);
        if (body.Ok == false)
        {
            throw new PermanentProspectException($"{Name}: the import was refused: {ProviderErrors.Shorten(body.Message ?? "no reason given")}");
        }

        var skipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in body.SkippedLeads ?? [])
        {
            if (s.Email is { } email)
            {
                skipped[email] = $"{Name} skipped the lead: {ProviderErrors.Shorten(s.Reason ?? "no reason given")}";
            }
        }

        foreach (var email in body.UnsubscribedLeads ?? [])
        {
            skipped.TryAdd(email, $"{Name} skipped the lead: unsubscribed in Smartlead");
        }

        return [.. leads.Select(lead => skipped.TryGetValue(lead.Email, out var why)
            ? new LeadResult(lead.EmailId, PushStatus.Skipped, Reason: why.Replace(lead.Email, "(address)", StringComparison.OrdinalIgnoreCase))
            : new LeadResult(lead.EmailId, PushStatus.Pushed))];
    }

    private static SmartleadLead Lead(SequencerLead lead) => new(
        lead.Email, lead.FirstName, lead.LastName, lead.Company, lead.Website,
        VariablesWithTitle(lead));

    private sealed record AddLeadsRequest(List<SmartleadLead> LeadList, ImportSettings Settings);

    private sealed record ImportSettings(bool IgnoreGlobalBlockList, bool IgnoreUnsubscribeList, bool IgnoreDuplicateLeadsInOtherCampaign);

    private sealed record SmartleadLead(string Email, string? FirstName, string? LastName, string? CompanyName, string? Website, Dictionary<string, string> CustomFields);

    private sealed record AddLeadsResponse(bool? Ok, string? Message, int? AddedCount, int? UploadCount, int? SkippedCount, List<SkippedLead>? SkippedLeads, List<string>? UnsubscribedLeads);

    private sealed record SkippedLead(string? Email, string? Reason);
}
