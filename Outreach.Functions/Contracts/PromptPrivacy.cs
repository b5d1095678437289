using System.Text.RegularExpressions;

namespace Outreach.Functions.Contracts;

/// <summary>
/// What of a prospect's row may reach a model. No email address and no phone number, wherever it stands — an extra
/// column (<c>Personal Email</c>, <c>Email 2</c>, a <c>mailto:</c> link), a LinkedIn summary or a website's text — and
/// none of the CRM's bookkeeping columns (record ids, owners, lead status, lifecycle stage, dates), which say nothing
/// about the person and would only tempt the model. Those columns stay in additional_data and the export.
/// </summary>
public static partial class PromptPrivacy
{
    /// <summary>Put where an email address was.</summary>
    public const string EmailRemoved = "[email removed]";

    /// <summary>Put where a phone number was.</summary>
    public const string PhoneRemoved = "[phone removed]";

    /// <summary>Whether an extra column called <paramref name="header"/> may be a fact in a prompt.</summary>
    public static bool IsFactColumn(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var words = Words().Matches(header.ToLowerInvariant()).Select(m => m.Value).ToList();
        return words.Count > 0 && !words.Any(BookkeepingWords.Contains) && !words.Any(ContactWords.Contains);
    }

    /// <summary><paramref name="text"/> with every email address and phone number replaced.</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Email().Replace(text, EmailRemoved);
        return Phone().Replace(text, m => IsPhone(m.Value) ? PhoneRemoved : m.Value);
    }

    // CRM bookkeeping: identifiers, ownership, pipeline state, timestamps.
    private static readonly HashSet<string> BookkeepingWords =
    [
        "id", "ids", "uuid", "guid", "owner", "status", "stage", "lifecycle", "created", "create", "modified", "updated", "date",
        "timestamp", "hubspot", "salesforce", "sfdc", "crm", "record", "source", "score", "unsubscribed", "opt", "consent",
    ];

    // Ways to reach the person: never facts (the address the email goes to is not one either).
    private static readonly HashSet<string> ContactWords =
    [
        "email", "mail", "e", "phone", "mobile", "cell", "tel", "telephone", "fax", "whatsapp", "address", "street", "zip", "postcode",
    ];

    // A phone number has 8 to 15 digits; dates and years in text are not phone numbers.
    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15 && !IsoDate().IsMatch(candidate.Trim());
    }

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"(?:mailto:)?[A-Za-z0-9._%+\-\u200B-\u200D\uFEFF]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w.])(?:\+|00)?\d[\d\s().\-/]{6,}\d(?![\w.])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();
}
