namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Google's Gemini through its OpenAI-compatible endpoint, which takes the same key as the native API and supports
/// JSON-schema structured output, so one client serves every provider.
/// </summary>
public sealed class GeminiOptions : LlmOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:Gemini";

    /// <summary>Defaults to the OpenAI-compatible path of the v1beta API.</summary>
    public GeminiOptions()
    {
        BaseUrl = "https://generativelanguage.googleapis.com/v1beta/openai";
        Model = "gemini-2.5-flash";
    }
}
