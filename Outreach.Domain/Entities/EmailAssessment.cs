namespace Outreach.Domain.Entities;

/// <summary>What is known about a generated email besides its text: the quality gate's flags, the facts it used and its token cost.</summary>
/// <param name="QualityFlags">The quality gate's findings; empty when it passed.</param>
/// <param name="FactsUsed">The facts it rests on.</param>
/// <param name="PromptTokens">Input tokens of its model calls; null for a template.</param>
/// <param name="CompletionTokens">Output tokens of its model calls; null for a template.</param>
public sealed record EmailAssessment(IReadOnlyList<string> QualityFlags, IReadOnlyList<EmailFact> FactsUsed, int? PromptTokens, int? CompletionTokens);
