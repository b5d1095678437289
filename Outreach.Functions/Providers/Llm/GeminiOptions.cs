using System.ComponentModel.DataAnnotations;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>Google's Gemini API (<c>generateContent</c>).</summary>
public sealed class GeminiOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:Gemini";

    /// <summary>The model when no api_configurations row names one.</summary>
    [Required]
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Defaults to the v1beta API; LLM attempts get at least a minute.</summary>
    public GeminiOptions()
    {
        BaseUrl = "https://generativelanguage.googleapis.com/v1beta";
        TimeoutSeconds = 90;
        RequestsPerSecond = 5;
    }
}
