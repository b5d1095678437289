using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>The LLM's analysis of one prospect, grounded in its enrichment; one row per prospect, upserted.</summary>
public sealed class ProspectAnalysis : Entity
{
    private ProspectAnalysis()
    {
    }

    /// <summary>Creates the analysis of <paramref name="prospectId"/>.</summary>
    public ProspectAnalysis(Guid prospectId, DateTimeOffset now)
        : base(now)
    {
        ProspectId = prospectId;
    }

    public Guid ProspectId { get; private set; }

    public List<string> PersonalizationOpportunities { get; private set; } = [];

    public List<string> PainPoints { get; private set; } = [];

    public string? MarketPosition { get; private set; }

    public string? SuggestedApproach { get; private set; }

    public string? ExecutiveSummary { get; private set; }

    public float? ConfidenceScore { get; private set; }

    public List<string> Sources { get; private set; } = [];

    public string? Model { get; private set; }

    /// <summary>Input tokens of the model calls (every attempt); null for the template.</summary>
    public int? PromptTokens { get; private set; }

    /// <summary>Output tokens of the model calls; null for the template.</summary>
    public int? CompletionTokens { get; private set; }

    /// <summary>Stores (or replaces) the analysis.</summary>
    public void Record(
        IEnumerable<string> personalizationOpportunities,
        IEnumerable<string> painPoints,
        string? marketPosition,
        string? suggestedApproach,
        string? executiveSummary,
        float confidenceScore,
        IEnumerable<string> sources,
        string? model,
        DateTimeOffset now,
        int? promptTokens = null,
        int? completionTokens = null)
    {
        if (float.IsNaN(confidenceScore) || confidenceScore is < 0f or > 1f)
        {
            throw new DomainValidationException($"confidenceScore must be between 0 and 1, not {confidenceScore}.");
        }

        PersonalizationOpportunities = [.. personalizationOpportunities];
        PainPoints = [.. painPoints];
        MarketPosition = marketPosition;
        SuggestedApproach = suggestedApproach;
        ExecutiveSummary = executiveSummary;
        ConfidenceScore = confidenceScore;
        Sources = [.. sources];
        Model = model;
        PromptTokens = promptTokens;
        CompletionTokens = completionTokens;
        Touch(now);
    }
}
