using System.Text.RegularExpressions;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>
/// Per-provider settings people may change at run time. Holds no secret: <see cref="SecretSetting"/>
/// names the app setting (a Key Vault reference in Azure) that holds the key.
/// </summary>
public sealed partial class ApiConfiguration : Entity
{
    private ApiConfiguration()
    {
    }

    /// <summary>Creates the configuration of <paramref name="provider"/>, whose key lives in setting <paramref name="secretSetting"/>.</summary>
    public ApiConfiguration(string provider, string secretSetting, DateTimeOffset now)
        : base(now)
    {
        Provider = Guard.Required(provider, nameof(provider), 50).ToLowerInvariant();
        SecretSetting = SettingName().IsMatch(secretSetting ?? string.Empty)
            ? secretSetting!
            : throw new DomainValidationException(
                $"secretSetting must be the name of an app setting such as Providers__OpenRouter__ApiKey, not '{secretSetting}'.");
        Enabled = true;
    }

    public string Provider { get; private set; } = null!;

    public bool Enabled { get; private set; }

    public string? Model { get; private set; }

    public float? Temperature { get; private set; }

    public int? MaxTokens { get; private set; }

    public Dictionary<string, string> PromptTemplates { get; private set; } = [];

    public Dictionary<string, string> IndustryMappings { get; private set; } = [];

    public string SecretSetting { get; private set; } = null!;

    /// <summary>Replaces the adjustable settings.</summary>
    public void Configure(
        bool enabled,
        string? model,
        float? temperature,
        int? maxTokens,
        IReadOnlyDictionary<string, string>? promptTemplates,
        IReadOnlyDictionary<string, string>? industryMappings,
        DateTimeOffset now)
    {
        if (temperature is { } t && (float.IsNaN(t) || t < 0f || t > 2f))
        {
            throw new DomainValidationException($"temperature must be between 0 and 2, not {t}.");
        }

        if (maxTokens is <= 0)
        {
            throw new DomainValidationException("maxTokens must be positive.");
        }

        Enabled = enabled;
        Model = Guard.Optional(model, nameof(model), 200);
        Temperature = temperature;
        MaxTokens = maxTokens;
        PromptTemplates = promptTemplates is null ? [] : new Dictionary<string, string>(promptTemplates);
        IndustryMappings = industryMappings is null ? [] : new Dictionary<string, string>(industryMappings);
        Touch(now);
    }

    // A setting name: letters, digits and the separators configuration keys use. Anything longer or with
    // other characters is more likely a pasted key than a name, and keys never go in the database.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_:.-]{0,199}$")]
    private static partial Regex SettingName();
}
