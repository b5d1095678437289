using Outreach.Functions.Verification;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// The company behind a prospect, as the key its website and tech stack are cached under: from the website column,
/// or else from a business email address. Usually the host; on a host that many companies share
/// (sites.google.com/view/a and /view/b, linktr.ee/x, a wixsite page) the host and the path, so two companies never
/// share a cached summary — and the grounding check never accepts one company's facts for another.
/// </summary>
public static class CompanyDomain
{
    // Hosts whose pages belong to different people or companies, told apart by their path.
    private static readonly HashSet<string> SharedHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "sites.google.com", "linktr.ee", "notion.site", "notion.so", "about.me", "medium.com", "github.com", "gitlab.com", "bitbucket.org",
        "facebook.com", "linkedin.com", "instagram.com", "twitter.com", "x.com", "youtube.com", "calendly.com", "bit.ly", "carrd.co",
        "beacons.ai", "bio.link", "taplink.cc", "wix.com", "wixsite.com", "squarespace.com", "webflow.io", "business.site", "godaddysites.com",
    };

    // company_profiles.domain holds at most this much.
    private const int MaxKeyLength = 253;

    /// <summary>The website to read and its cache key, or null when the prospect gives no company address.</summary>
    public static (Uri Website, string Domain)? Of(string? website, string email)
    {
        if (!string.IsNullOrWhiteSpace(website))
        {
            var text = website.Trim();
            if (!text.Contains("://", StringComparison.Ordinal))
            {
                text = "https://" + text;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.', StringComparison.Ordinal))
            {
                var host = Domain.Entities.CompanyProfile.NormalizeDomain(uri.IdnHost);
                if (!IsShared(host))
                {
                    return (uri, host);
                }

                // A page on a shared host is its own site: keyed by its path, and nothing at all without one.
                var path = uri.AbsolutePath.Trim('/').ToLowerInvariant();
                var key = $"{host}/{path}";
                return path.Length == 0 || key.Length > MaxKeyLength ? null : (uri, key);
            }
        }

        var at = email?.LastIndexOf('@') ?? -1;
        if (at < 0)
        {
            return null;
        }

        var domain = Domain.Entities.CompanyProfile.NormalizeDomain(email![(at + 1)..]);
        return MailDomains.IsFreeMail(domain) || IsShared(domain) || !domain.Contains('.', StringComparison.Ordinal) ? null : (new Uri("https://" + domain + "/"), domain);
    }

    /// <summary>Whether <paramref name="key"/> names a page on a shared host (its tech stack is the host's, not the company's).</summary>
    public static bool IsSharedPage(string key) => key is not null && key.Contains('/', StringComparison.Ordinal);

    private static bool IsShared(string host) =>
        SharedHosts.Contains(host) || SharedHosts.Any(shared => host.EndsWith("." + shared, StringComparison.OrdinalIgnoreCase) && shared is "wixsite.com" or "business.site" or "godaddysites.com");
}
