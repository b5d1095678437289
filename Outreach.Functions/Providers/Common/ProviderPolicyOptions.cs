using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Providers.Common;

/// <summary>Cross-provider policy: which LLM writes, the per-batch call budget and the company cache.</summary>
public sealed class ProviderPolicyOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers";

    /// <summary>
    /// <c>auto</c> (the first configured of Azure OpenAI, OpenAI, OpenRouter, Gemini; else the template), a provider by
    /// name (<c>azureopenai</c>, <c>openai</c>, <c>openrouter</c>, <c>gemini</c>) or <c>template</c>.
    /// </summary>
    [RegularExpression("^(auto|azureopenai|openai|openrouter|gemini|template)$", ErrorMessage = "Providers__Llm must be auto, azureopenai, openai, openrouter, gemini or template.")]
    public string Llm { get; set; } = "auto";

    /// <summary>Provider calls one batch may make; beyond it prospects fail with "budget exceeded". 0 means no cap.</summary>
    [Range(0, int.MaxValue)]
    public int MaxCallsPerBatch { get; set; }

    /// <summary>How long a company's website and tech stack stay cached.</summary>
    [Range(0, 3650)]
    public int CompanyCacheDays { get; set; } = 30;

    /// <summary>Characters of website text kept as company_summary.</summary>
    [Range(200, 100_000)]
    public int MaxSummaryChars { get; set; } = 3000;
}
