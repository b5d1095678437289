namespace Outreach.Functions.Providers;

/// <summary>The company behind a prospect, as a domain: from the website column, or else from a business email address.</summary>
public static class CompanyDomain
{
    // Mailbox providers: their domain says nothing about the prospect's company.
    private static readonly HashSet<string> FreeMail = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "orange.fr", "free.fr",
    };

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
                return (uri, Domain.Entities.CompanyProfile.NormalizeDomain(uri.IdnHost));
            }
        }

        var at = email?.LastIndexOf('@') ?? -1;
        if (at < 0)
        {
            return null;
        }

        var domain = Domain.Entities.CompanyProfile.NormalizeDomain(email![(at + 1)..]);
        return FreeMail.Contains(domain) || !domain.Contains('.', StringComparison.Ordinal) ? null : (new Uri("https://" + domain + "/"), domain);
    }
}
