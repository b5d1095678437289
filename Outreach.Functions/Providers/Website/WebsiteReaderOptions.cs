using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Providers.Website;

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
