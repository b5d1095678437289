namespace Outreach.Functions.Contracts;

/// <summary>The analysis of one prospect, and the tokens its model calls cost (null for a template).</summary>
public sealed record AnalysisOutcome(
    IReadOnlyList<string> PersonalizationOpportunities, IReadOnlyList<string> PainPoints, string? MarketPosition, string? SuggestedApproach,
    string? ExecutiveSummary, float ConfidenceScore, IReadOnlyList<string> Sources, string Model, TokenUsage? Usage = null);
