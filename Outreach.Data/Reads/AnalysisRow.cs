namespace Outreach.Data.Reads;

/// <summary>What the analysis of a prospect concluded, and which model (if any) wrote it.</summary>
public sealed record AnalysisRow(
    IReadOnlyList<string> PersonalizationOpportunities,
    IReadOnlyList<string> PainPoints,
    string? MarketPosition,
    string? SuggestedApproach,
    string? ExecutiveSummary,
    float? ConfidenceScore,
    IReadOnlyList<string> Sources,
    string? Model);
