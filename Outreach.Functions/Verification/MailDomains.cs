using System.Reflection;

namespace Outreach.Functions.Verification;

/// <summary>
/// What an address's parts say about it, said once: free-mail providers (whose domain says nothing about the
/// prospect's company), disposable mailbox domains (a data file shipped with the app, <c>disposable-domains.txt</c>),
/// and role mailboxes (<c>info@</c>, <c>sales@</c>: read by a team, not a person).
/// </summary>
public static class MailDomains
{
    private static readonly HashSet<string> FreeMail = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "orange.fr", "free.fr",
    };

    private static readonly HashSet<string> RoleMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "info", "sales", "support", "help", "hello", "contact", "admin", "administrator", "office", "team", "marketing", "billing", "accounts",
        "accounting", "finance", "hr", "jobs", "careers", "recruiting", "press", "media", "noreply", "no-reply", "donotreply", "do-not-reply",
        "postmaster", "hostmaster", "webmaster", "abuse", "security", "privacy", "legal", "compliance", "enquiries", "inquiries", "service",
        "customerservice", "feedback", "orders", "partners", "partnerships", "mail", "email", "newsletter",
    };

    private static readonly Lazy<HashSet<string>> Disposable = new(LoadDisposable);

    /// <summary>Whether <paramref name="domain"/> is a free-mail provider.</summary>
    public static bool IsFreeMail(string domain) => FreeMail.Contains(domain ?? string.Empty);

    /// <summary>Whether <paramref name="domain"/> (or a parent of it) is a disposable mailbox domain.</summary>
    public static bool IsDisposable(string domain)
    {
        var d = (domain ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        while (d.Length > 0)
        {
            if (Disposable.Value.Contains(d))
            {
                return true;
            }

            var dot = d.IndexOf('.', StringComparison.Ordinal);
            d = dot < 0 ? string.Empty : d[(dot + 1)..];
        }

        return false;
    }

    /// <summary>Whether the local part names a role mailbox rather than a person (<c>info</c>, <c>sales+eu</c>).</summary>
    public static bool IsRole(string localPart)
    {
        var local = (localPart ?? string.Empty).Split('+')[0];
        return RoleMailboxes.Contains(local);
    }

    private static HashSet<string> LoadDisposable()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Outreach.Functions.Verification.disposable-domains.txt")
            ?? throw new InvalidOperationException("The disposable-domains.txt resource is missing from the build.");
        using var reader = new StreamReader(stream);
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                domains.Add(entry);
            }
        }

        return domains;
    }
}
