using Microsoft.Extensions.AI;
using OpenAI.Chat;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>The language model that writes, or none (the template), and why it was chosen.</summary>
/// <param name="Provider">The provider, or null for the template.</param>
/// <param name="Client">The chat client; null for the template.</param>
/// <param name="Settings">The provider's effective settings; null for the template.</param>
/// <param name="Model">The model (Azure OpenAI: the deployment); null for the template.</param>
/// <param name="Reason">Why this one, in words a person can act on.</param>
public sealed record LlmChoice(ProviderDescriptor? Provider, IChatClient? Client, EffectiveProviderSettings? Settings, string? Model, string Reason)
{
    /// <summary>The provider's id (<c>template</c> without a model).</summary>
    public string ProviderId => Provider?.Id ?? "template";

    /// <summary>The name used in messages.</summary>
    public string DisplayName => Provider?.DisplayName ?? "template";

    /// <summary>What a person reads at start-up: the provider, the model and why.</summary>
    public string Describe() => Provider is null ? $"template (no model): {Reason}" : $"{DisplayName}, model {Model}: {Reason}";

    /// <summary>The chat options of a structured answer: strict JSON schema (the schema itself comes from the answer's record).</summary>
    public ChatOptions Options(int defaultMaxTokens)
    {
        var options = new ChatOptions
        {
            Temperature = Settings?.Temperature ?? 0.4f,
            MaxOutputTokens = Settings?.MaxTokens ?? defaultMaxTokens,

            // Read by the OpenAI adapter: the schema is sent with strict: true (all fields required, nothing extra).
            AdditionalProperties = new() { ["strict"] = true },
        };
        if (Provider == LlmProviders.OpenRouter)
        {
            // OpenRouter routes to any host of the model unless told to pick one that honours every parameter —
            // a host that ignored response_format would answer free text.
#pragma warning disable SCME0001 // JsonPatch is the SDK's way to add a provider-specific field to the request body.
            options.RawRepresentationFactory = _ =>
            {
                var raw = new ChatCompletionOptions();
                raw.Patch.Set("$.provider.require_parameters"u8, true);
                return raw;
            };
#pragma warning restore SCME0001
        }

        return options;
    }
}
