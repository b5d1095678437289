using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>A batch in a list: its counters and its campaign's name, not its job or workflow.</summary>
public sealed record BatchListRow(
    Guid Id,
    Guid CampaignId,
    string CampaignName,
    string Name,
    BatchStatus Status,
    int TotalProspects,
    int GeneratedEmails,
    int FailedProspects,
    int SkippedProspects,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
