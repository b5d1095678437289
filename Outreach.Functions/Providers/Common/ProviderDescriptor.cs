namespace Outreach.Functions.Providers.Common;

/// <summary>
/// Who a provider is, said once: its api_configurations name (<paramref name="Id"/>), the name people read in
/// messages, its settings section (its options class's SectionName) and how its calls may be retried. The key's
/// default setting follows from the section: <c>Providers__EnrichLayer__ApiKey</c> for <c>Providers:EnrichLayer</c>.
/// </summary>
public sealed record ProviderDescriptor(string Id, string DisplayName, string Section, RetryMode RetryMode)
{
    /// <summary>The app setting that holds the key when no api_configurations row names another.</summary>
    public string KeySetting => Section.Replace(":", "__", StringComparison.Ordinal) + "__ApiKey";
}
