using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.BuiltWith;

/// <summary>BuiltWith Domain API v22: a site's technologies. The key travels in the query string, so logs redact query strings.</summary>
public sealed class BuiltWithOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:BuiltWith";

    /// <summary>Defaults to BuiltWith's API at one request per second.</summary>
    public BuiltWithOptions()
    {
        BaseUrl = "https://api.builtwith.com";
        RequestsPerSecond = 1;
    }
}
