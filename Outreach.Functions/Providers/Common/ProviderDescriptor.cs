namespace Outreach.Functions.Providers.Common;

/// <summary>
/// Who a provider is, said once: its api_configurations name (<paramref name="Id"/>), the name people read in
/// messages, its settings section (its options class's SectionName) and how its calls may be retried. The key's
/// default setting follows from the section: <c>Providers__EnrichLayer__ApiKey</c> for <c>Providers:EnrichLayer</c>.
/// </summary>
public sealed record ProviderDescriptor(string Id, string DisplayName, string Section, RetryMode RetryMode)
{
    /// <summary>Authenticates with the app's identity (Entra ID) instead of a key: usable without a key setting.</summary>
    public bool Keyless { get; init; }

    /// <summary>The app setting that holds the key when no api_configurations row names another.</summary>
    public string KeySetting => Setting("ApiKey");

    /// <summary>The app setting that turns the provider on: its key, or for a keyless provider its endpoint.</summary>
    public string ConfiguredBy => Keyless ? Setting("BaseUrl") : KeySetting;

    /// <summary>The app setting <paramref name="name"/> of this provider, as an environment variable name.</summary>
    public string Setting(string name) => Section.Replace(":", "__", StringComparison.Ordinal) + "__" + name;
}
