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

/// <summary>OpenRouter, or any OpenAI-compatible chat completions endpoint (a local server works: point BaseUrl at it).</summary>
public sealed class OpenRouterOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:OpenRouter";

    /// <summary>The model when no api_configurations row names one.</summary>
    [Required]
    public string Model { get; set; } = "openai/gpt-4o-mini";

    /// <summary>Defaults to OpenRouter; LLM attempts get at least a minute.</summary>
    public OpenRouterOptions()
    {
        BaseUrl = "https://openrouter.ai/api/v1";
        TimeoutSeconds = 90;
        RequestsPerSecond = 5;
    }
}

/// <summary>Google's Gemini API (<c>generateContent</c>).</summary>
public sealed class GeminiOptions : ProviderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:Gemini";

    /// <summary>The model when no api_configurations row names one.</summary>
    [Required]
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Defaults to the v1beta API; LLM attempts get at least a minute.</summary>
    public GeminiOptions()
    {
        BaseUrl = "https://generativelanguage.googleapis.com/v1beta";
        TimeoutSeconds = 90;
        RequestsPerSecond = 5;
    }
}

/// <summary>
/// The built-in website reader, used without a Firecrawl key or when Firecrawl fails permanently. It identifies
/// itself honestly, follows a bounded number of redirects, reads at most <see cref="MaxBytes"/> and by default
/// refuses addresses inside private networks (the URLs come from uploaded CSVs).
/// </summary>
public sealed class WebsiteReaderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers:Website";

    /// <summary>The user agent the reader sends.</summary>
    [Required]
    public string UserAgent { get; set; } = "OutreachBot/1.0 (company research for one sales email; reads one public page per company)";

    /// <summary>Redirects followed at most.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Bytes of a page read at most; the rest is ignored.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Timeout of the whole fetch, redirects included.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Requests per second the reader sends at most (all sites together).</summary>
    [Range(0.01, 1000)]
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>Allow loopback and private-network addresses (tests and local demos only).</summary>
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>Cross-provider policy: which LLM writes, the per-batch call budget and the company cache.</summary>
public sealed class ProviderPolicyOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Providers";

    /// <summary><c>auto</c> (OpenRouter when its key is set, else Gemini, else template), <c>openrouter</c>, <c>gemini</c> or <c>template</c>.</summary>
    [RegularExpression("^(auto|openrouter|gemini|template)$")]
    public string Llm { get; set; } = "auto";

    /// <summary>Provider calls one batch may make; beyond it prospects fail with "budget exceeded". 0 means no cap.</summary>
    [Range(0, int.MaxValue)]
    public int MaxCallsPerBatch { get; set; }

    /// <summary>How long a company's website and tech stack stay cached.</summary>
    [Range(0, 3650)]
    public int CompanyCacheDays { get; set; } = 30;

    /// <summary>Characters of website text kept as company_summary.</summary>
    [Range(200, 100_000)]
    public int MaxSummaryChars { get; set; } = 3000;
}
