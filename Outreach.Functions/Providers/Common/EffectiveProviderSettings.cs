namespace Outreach.Functions.Providers.Common;

/// <summary>A provider's effective settings: its api_configurations row (if any) over the app settings. The key is resolved, never stored.</summary>
/// <param name="Provider">openrouter, gemini, enrichlayer, firecrawl or builtwith.</param>
/// <param name="Enabled">False when the row disables the provider.</param>
/// <param name="Model">The row's model, if it names one.</param>
/// <param name="Temperature">The row's temperature, if set.</param>
/// <param name="MaxTokens">The row's max_tokens, if set.</param>
/// <param name="PromptTemplates">The row's prompt templates (analysis_system, email_system).</param>
/// <param name="ApiKey">The key, read from the setting the row names (or the provider's own key setting).</param>
/// <param name="Keyless">The provider authenticates with the app's identity, so no key is needed.</param>
public sealed record EffectiveProviderSettings(
    string Provider, bool Enabled, string? Model, float? Temperature, int? MaxTokens, IReadOnlyDictionary<string, string> PromptTemplates, string? ApiKey,
    bool Keyless = false)
{
    /// <summary>Enabled and with a key (or keyless).</summary>
    public bool IsUsable => Enabled && (Keyless || !string.IsNullOrWhiteSpace(ApiKey));

    /// <summary>Keeps the key out of logs and exception messages that print the record.</summary>
    public override string ToString() =>
        $"{Provider} (enabled: {Enabled}, model: {Model ?? "default"}, key: {(Keyless ? "none needed" : string.IsNullOrWhiteSpace(ApiKey) ? "not set" : "set")})";
}
