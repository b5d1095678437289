using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.EnrichLayer;

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
