using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Firecrawl;

/// <summary>Firecrawl v2: website scraping to markdown.</summary>
public sealed class FirecrawlOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:Firecrawl";

    /// <summary>Defaults to Firecrawl's hosted API; scrapes render pages, so attempts get longer than the default.</summary>
    public FirecrawlOptions()
    {
        BaseUrl = "https://api.firecrawl.dev";
        TimeoutSeconds = 60;
    }
}
