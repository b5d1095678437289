namespace Outreach.Functions.Application;

/// <summary>What <c>outreach campaign apply</c> did: created the campaign, or updated it with these changes (none when the file matched).</summary>
public sealed record CampaignApplied(CampaignView Campaign, bool Created, IReadOnlyList<string> Changes);
