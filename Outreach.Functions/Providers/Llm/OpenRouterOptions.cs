namespace Outreach.Functions.Providers.Llm;

/// <summary>OpenRouter's OpenAI-compatible API (one key, many hosted models).</summary>
public sealed class OpenRouterOptions : LlmOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:OpenRouter";

    /// <summary>Defaults to OpenRouter.</summary>
    public OpenRouterOptions()
    {
        BaseUrl = "https://openrouter.ai/api/v1";
        Model = "openai/gpt-4o-mini";
    }
}
