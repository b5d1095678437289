using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Domain.Entities;

/// <summary>The email check of the importer: one plain address (no display name, no list), with a dotted domain.</summary>
public static partial class EmailAddress
{
    /// <summary>
    /// The address as it should be stored and compared: NFKC-normalised (full-width letters become ASCII) and without
    /// invisible characters (zero-width spaces and joiners, byte order marks, soft hyphens) that exports and copy-paste
    /// leave in — otherwise the same person passes dedupe twice.
    /// </summary>
    public static string Clean(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = email.Normalize(System.Text.NormalizationForm.FormKC);
        var visible = new System.Text.StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                visible.Append(c);
            }
        }

        return visible.ToString().Trim();
    }

    /// <summary>Why <paramref name="email"/> is not a usable address, or null when it is.</summary>
    public static string? Problem(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > 320)
        {
            return $"email is {email.Length} characters; the limit is 320";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        var invalid = $"'{email}' is not a valid email address";
        if (at <= 0 || at > 64 || email.Contains("..", StringComparison.Ordinal) || email[0] == '.' || email[at - 1] == '.')
        {
            return invalid;
        }

        // Internationalised domains (münchen.de) are checked in their ASCII (punycode) form.
        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(email[(at + 1)..]);
        }
        catch (ArgumentException)
        {
            return invalid;
        }

        return Shape().IsMatch(string.Concat(email.AsSpan(0, at + 1), asciiDomain)) ? null : invalid;
    }

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""\\]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
