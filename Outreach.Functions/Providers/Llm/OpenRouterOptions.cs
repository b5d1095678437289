using System.ComponentModel.DataAnnotations;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>OpenRouter, or any OpenAI-compatible chat completions endpoint (a local server works: point BaseUrl at it).</summary>
public sealed class OpenRouterOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:OpenRouter";

    /// <summary>The model when no api_configurations row names one.</summary>
    [Required]
    public string Model { get; set; } = "openai/gpt-4o-mini";

    /// <summary>Defaults to OpenRouter; LLM attempts get at least a minute.</summary>
    public OpenRouterOptions()
    {
        BaseUrl = "https://openrouter.ai/api/v1";
        TimeoutSeconds = 90;
        RequestsPerSecond = 5;
    }
}
