using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Providers;

/// <summary>
/// Settings of one external provider (<c>Providers__{Name}__*</c>). The key lives only in configuration — an app
/// setting, a Key Vault reference in Azure — never in the database or in logs.
/// </summary>
public class ProviderOptions
{
    /// <summary>The provider's API key; without it the provider is not configured and is never called.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base URL (configurable so compatible or local endpoints work).</summary>
    [Required]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Requests per second this app sends the provider at most.</summary>
    [Range(0.01, 1000)]
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>Timeout of one attempt.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Longest Retry-After honoured in place; a longer one fails the attempt as rate-limited so the Durable retry comes back later.</summary>
    [Range(0, 300)]
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>Retries of one call for transient failures (429, 5xx, timeouts) before the failure goes to the orchestration.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Whether a key is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Enrich Layer (the successor of Proxycurl's API): LinkedIn profiles.</summary>
public sealed class EnrichLayerOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:EnrichLayer";

    /// <summary>Use the Proxycurl-compatible path <c>/proxycurl/api/v2/linkedin?linkedin_profile_url=…</c> instead of <c>/profile?profile_url=…</c>.</summary>
    public bool UseProxycurlPath { get; set; }

    /// <summary>Defaults to Enrich Layer's v2 API.</summary>
    public EnrichLayerOptions() => BaseUrl = "https://enrichlayer.com/api/v2";
}
