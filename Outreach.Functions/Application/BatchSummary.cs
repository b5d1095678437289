namespace Outreach.Functions.Application;

/// <summary>A batch in a list (<c>GET /api/batches</c>, <c>outreach batches</c>): its counters, not its job or workflow.</summary>
public sealed record BatchSummary(
    Guid Id,
    Guid CampaignId,
    string CampaignName,
    string Name,
    string Status,
    int TotalProspects,
    int GeneratedEmails,
    int FailedProspects,
    int SkippedProspects,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
