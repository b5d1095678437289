using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>What a status read of a batch needs: its counters and times, its latest pipeline job and its workflow session.</summary>
public sealed record BatchStatusRow(
    Guid Id,
    Guid CampaignId,
    string Name,
    BatchStatus Status,
    int TotalProspects,
    int EnrichedProspects,
    int GeneratedEmails,
    int FailedProspects,
    int SkippedProspects,
    int ErasedProspects,
    long PromptTokens,
    long CompletionTokens,
    string InstanceId,
    string? ErrorMessage,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    LatestJobRow? Job,
    SessionStepRow? Session);
