namespace Outreach.Data.Reads;

/// <summary>A provider's stored settings (an api_configurations row) as the provider views show them: never a key, only the setting that names it.</summary>
public sealed record ProviderRow(
    string Provider, bool Enabled, string? Model, float? Temperature, int? MaxTokens, IReadOnlyDictionary<string, string> PromptTemplates, string SecretSetting);
