namespace Outreach.Functions.Application;

/// <summary>The analysis.</summary>
public sealed record AnalysisView(
    IReadOnlyList<string> PersonalizationOpportunities, IReadOnlyList<string> PainPoints, string? MarketPosition, string? SuggestedApproach,
    string? ExecutiveSummary, float? ConfidenceScore, IReadOnlyList<string> Sources, string? Model);
