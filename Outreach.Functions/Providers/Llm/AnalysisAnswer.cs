using System.ComponentModel;
using System.Globalization;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Llm;

/// <summary>The analysis as the model must answer it (its JSON schema is generated from this record).</summary>
public sealed record AnalysisAnswer(
    [property: Description("Hooks for personalization, each resting on facts.")] IReadOnlyList<Opportunity> PersonalizationOpportunities,
    [property: Description("Likely problems the service addresses, given the facts.")] IReadOnlyList<string> PainPoints,
    string MarketPosition,
    string SuggestedApproach,
    string ExecutiveSummary,
    [property: Description("0 to 1: how well the facts support this analysis.")] double ConfidenceScore)
{
    /// <summary>What the schema cannot say: the confidence is a fraction, and every opportunity cites facts that exist.</summary>
    public IReadOnlyList<string> Problems(FactSheet facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var problems = new List<string>();
        if (ConfidenceScore is not (>= 0 and <= 1))
        {
            problems.Add($"confidence_score {ConfidenceScore.ToString(CultureInfo.InvariantCulture)} is outside 0 to 1");
        }

        foreach (var opportunity in PersonalizationOpportunities)
        {
            var (_, unknown) = facts.Resolve(opportunity.FactIds);
            if (opportunity.FactIds.Count == 0)
            {
                problems.Add($"the opportunity \"{Short(opportunity.Text)}\" cites no fact");
            }
            else if (unknown.Count > 0)
            {
                problems.Add($"the opportunity \"{Short(opportunity.Text)}\" cites facts that do not exist: {string.Join(", ", unknown)}");
            }
        }

        return problems;
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

/// <summary>One personalization opportunity and the facts it rests on.</summary>
/// <param name="Text">The hook.</param>
/// <param name="FactIds">The ids of the facts it rests on.</param>
public sealed record Opportunity(
    string Text,
    [property: Description("The ids (f1, f2, …) of the facts this rests on.")] IReadOnlyList<string> FactIds);
