namespace Outreach.Functions.Application;

/// <summary>
/// A batch as <c>GET /api/batches/{id}</c> and <c>outreach status</c> show it. Enum values are their database labels;
/// <c>erasedProspects</c> counts the prospects an erasure request removed (they are no longer in the other counters).
/// </summary>
public sealed record BatchView(
    Guid Id,
    Guid CampaignId,
    string Name,
    string Status,
    int TotalProspects,
    int EnrichedProspects,
    int GeneratedEmails,
    int FailedProspects,
    int SkippedProspects,
    double PercentDone,
    JobView? Job,
    WorkflowView? Workflow,
    string? RuntimeStatus,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    ResultsView? Results,
    string? ErrorMessage,
    TokensView Tokens,
    int ErasedProspects = 0);

/// <summary>Model tokens a batch has used so far (analysis and email calls, every attempt), from which its cost follows.</summary>
public sealed record TokensView(long Prompt, long Completion);
