namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// OpenAI, or any server that speaks its chat completions API: point <c>BaseUrl</c> at Ollama
/// (<c>http://localhost:11434/v1</c>), vLLM, LM Studio or another compatible endpoint.
/// </summary>
public sealed class OpenAIOptions : LlmOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:OpenAI";

    /// <summary>Defaults to OpenAI's own API.</summary>
    public OpenAIOptions()
    {
        BaseUrl = "https://api.openai.com/v1";
        Model = "gpt-4o-mini";
    }
}
