using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>The language-model providers, each said once: its api_configurations name, display name, settings section and retry mode.</summary>
public static class LlmProviders
{
    /// <summary>OpenAI or any OpenAI-compatible server.</summary>
    public static ProviderDescriptor OpenAI { get; } = new("openai", "OpenAI", OpenAIOptions.SectionName, RetryMode.RejectedOnly);

    /// <summary>Azure OpenAI, keyless (the app's Entra ID identity).</summary>
    public static ProviderDescriptor AzureOpenAI { get; } = new("azureopenai", "Azure OpenAI", AzureOpenAIOptions.SectionName, RetryMode.RejectedOnly) { Keyless = true };

    /// <summary>OpenRouter.</summary>
    public static ProviderDescriptor OpenRouter { get; } = new("openrouter", "OpenRouter", OpenRouterOptions.SectionName, RetryMode.RejectedOnly);

    /// <summary>Gemini (through its OpenAI-compatible endpoint).</summary>
    public static ProviderDescriptor Gemini { get; } = new("gemini", "Gemini", GeminiOptions.SectionName, RetryMode.RejectedOnly);

    /// <summary>
    /// In the order <c>auto</c> tries them: an Azure OpenAI endpoint is a deliberate deployment choice (and needs no
    /// key), then the keyed providers.
    /// </summary>
    public static IReadOnlyList<ProviderDescriptor> All { get; } = [AzureOpenAI, OpenAI, OpenRouter, Gemini];

    /// <summary>The provider named <paramref name="id"/>, or null.</summary>
    public static ProviderDescriptor? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
}
