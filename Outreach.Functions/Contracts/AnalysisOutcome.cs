namespace Outreach.Functions.Contracts;

/// <summary>The analysis of one prospect.</summary>
public sealed record AnalysisOutcome(
    IReadOnlyList<string> PersonalizationOpportunities, IReadOnlyList<string> PainPoints, string? MarketPosition, string? SuggestedApproach,
    string? ExecutiveSummary, float ConfidenceScore, IReadOnlyList<string> Sources, string Model);
