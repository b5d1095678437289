using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Sequencers;

/// <summary>
/// Instantly API v2, <c>POST /api/v2/leads/add</c> with <c>{campaign_id, skip_if_in_campaign, leads[]}</c> (1–1000
/// leads, Bearer key). The answer's <c>created_leads[{id, email, index}]</c> says which leads were created and their
/// ids; a lead it did not create was skipped (already in the campaign, on the blocklist, or invalid — Instantly gives
/// counts, not per-lead reasons).
/// </summary>
public sealed class InstantlyClient(HttpClient http, ProviderSettingsStore store, IOptionsMonitor<InstantlyOptions> options)
    : SequencerClient(http, store, Descriptor, options.CurrentValue)
{
    /// <summary>Who this sequencer is.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("instantly", "Instantly", InstantlyOptions.SectionName, RetryMode.RejectedOnly);


    /// <inheritdoc />
    public override PushTarget Target => PushTarget.Instantly;

    /// <inheritdoc />
    public override async Task<IReadOnlyList<LeadResult>> PushAsync(string campaign, IReadOnlyList<SequencerLead> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var (body, _) = await CallAsync<AddLeadsResponse>(
            settings => WithBearer(
                new HttpRequestMessage(HttpMethod.Post, "api/v2/leads/add")
                {
                    Content = JsonContent.Create(new AddLeadsRequest(campaign, SkipIfInCampaign: true, [.. leads.Select(Lead)]), options: SnakeCase),
                },
                settings),
            SnakeCase,
            notFound: $"no campaign {campaign}",
            cancellationToken);
        var created = (body.CreatedLeads ?? []).Where(c => c.Index is >= 0 && c.Index < leads.Count).ToDictionary(c => c.Index!.Value, c => c.Id);
        var skipped = $"{Name} did not create the lead: already in the campaign, on a blocklist or invalid "
            + $"(of {body.TotalSent ?? leads.Count}: {body.InBlocklist ?? 0} on a blocklist, {body.InvalidEmailCount ?? 0} invalid, {body.SkippedCount ?? 0} skipped)";
        return [.. leads.Select((lead, i) => created.TryGetValue(i, out var id)
            ? new LeadResult(lead.EmailId, PushStatus.Pushed, id)
            : new LeadResult(lead.EmailId, PushStatus.Skipped, Reason: skipped))];
    }

    private static InstantlyLead Lead(SequencerLead lead) => new(
        lead.Email, lead.FirstName, lead.LastName, lead.Company, lead.Website,
        VariablesWithTitle(lead));

    private sealed record AddLeadsRequest(string CampaignId, bool SkipIfInCampaign, List<InstantlyLead> Leads);

    private sealed record InstantlyLead(string Email, string? FirstName, string? LastName, string? CompanyName, string? Website, Dictionary<string, string> CustomVariables);

    private sealed record AddLeadsResponse(string? Status, int? TotalSent, int? LeadsUploaded, int? InBlocklist, int? SkippedCount, int? InvalidEmailCount, List<CreatedLead>? CreatedLeads);

    private sealed record CreatedLead(string? Id, string? Email, int? Index);
}
