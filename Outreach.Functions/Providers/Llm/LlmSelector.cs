using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>The language model that writes, or none (the template).</summary>
/// <param name="Provider">openrouter, gemini or template.</param>
/// <param name="DisplayName">The name used in messages.</param>
/// <param name="Client">The chat client; null for the template.</param>
/// <param name="Settings">The provider's effective settings; null for the template.</param>
public sealed record LlmChoice(string Provider, string DisplayName, IChatClient? Client, EffectiveProviderSettings? Settings)
{
    /// <summary>The template: no model.</summary>
    public static LlmChoice Template { get; } = new("template", "template", null, null);

    /// <summary>The chat options for a structured answer with <paramref name="schema"/>.</summary>
    public ChatOptions OptionsFor(System.Text.Json.JsonElement schema, string schemaName, int defaultMaxTokens) => new()
    {
        ModelId = Settings?.Model,
        Temperature = Settings?.Temperature ?? 0.4f,
        MaxOutputTokens = Settings?.MaxTokens ?? defaultMaxTokens,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, schemaName),
    };
}

/// <summary>
/// Picks the model per <c>Providers__Llm</c>: <c>auto</c> takes OpenRouter when its key is set and its
/// api_configurations row (if any) is enabled, else Gemini likewise, else the template; naming a provider whose
/// key is missing also falls back to the template, so a missing key never turns into failed prospects.
/// </summary>
public sealed class LlmSelector(OpenRouterChatClient openRouter, GeminiChatClient gemini, ProviderSettingsStore settings, IOptionsMonitor<ProviderPolicyOptions> policy)
{
    /// <summary>The model to use now.</summary>
    public async Task<LlmChoice> ChooseAsync(CancellationToken cancellationToken)
    {
        var wanted = policy.CurrentValue.Llm;
        if (wanted == "template")
        {
            return LlmChoice.Template;
        }

        if (wanted is "auto" or "openrouter")
        {
            var s = await settings.GetAsync(OpenRouterChatClient.Descriptor, cancellationToken);
            if (s.IsUsable)
            {
                return new LlmChoice(OpenRouterChatClient.Descriptor.Id, OpenRouterChatClient.Descriptor.DisplayName, openRouter, s);
            }
        }

        if (wanted is "auto" or "gemini")
        {
            var s = await settings.GetAsync(GeminiChatClient.Descriptor, cancellationToken);
            if (s.IsUsable)
            {
                return new LlmChoice(GeminiChatClient.Descriptor.Id, GeminiChatClient.Descriptor.DisplayName, gemini, s);
            }
        }

        return LlmChoice.Template;
    }
}
