using System.ComponentModel;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Llm;

/// <summary>The email as the model must answer it (its JSON schema is generated from this record).</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="FactsUsed">The ids of the facts the email states.</param>
public sealed record EmailAnswer(
    [property: Description("The subject line.")] string Subject,
    [property: Description("The plain-text body, without placeholders or links.")] string Body,
    [property: Description("The ids (f1, f2, …) of every fact the email states.")] IReadOnlyList<string> FactsUsed)
{
    /// <summary>What the citations get wrong: a fact that does not exist, or none cited when the prospect has specific facts.</summary>
    public IReadOnlyList<string> CitationProblems(FactSheet facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (_, unknown) = facts.Resolve(FactsUsed);
        var problems = new List<string>();
        if (unknown.Count > 0)
        {
            problems.Add($"facts_used names facts that do not exist: {string.Join(", ", unknown)}");
        }

        if (FactsUsed.Count == 0 && facts.Specific.Count > 0)
        {
            problems.Add("it cites no fact (facts_used is empty); personalize it with at least one of the FACTS");
        }

        return problems;
    }
}
