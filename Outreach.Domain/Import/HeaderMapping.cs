using System.Collections.Frozen;
using System.Text;

namespace Outreach.Domain.Import;

/// <summary>
/// Maps a CSV header row to prospect fields by alias, ignoring case, spaces, underscores, hyphens and dots,
/// so the exports of Apollo, HubSpot, LinkedIn Sales Navigator and hand-made sheets all work. A column
/// matching no alias, or a second column for a field already taken, goes to additional_data. A header that
/// repeats (a second <c>Email</c>, two <c>Notes</c>) keeps every column: the second is keyed "Email (2)".
/// </summary>
public sealed class HeaderMapping
{
    private static readonly FrozenDictionary<string, ProspectField> Aliases = new Dictionary<string, ProspectField>
    {
        // Apollo: Email; HubSpot: Email; hand-made: Email Address, Work Email, E-mail.
        ["email"] = ProspectField.Email,
        ["emailaddress"] = ProspectField.Email,
        ["workemail"] = ProspectField.Email,
        ["businessemail"] = ProspectField.Email,
        ["primaryemail"] = ProspectField.Email,
        ["contactemail"] = ProspectField.Email,
        ["emailid"] = ProspectField.Email,
        ["name"] = ProspectField.Name,
        ["fullname"] = ProspectField.Name,
        ["contactname"] = ProspectField.Name,
        ["prospectname"] = ProspectField.Name,
        ["personname"] = ProspectField.Name,
        ["firstname"] = ProspectField.FirstName,
        ["first"] = ProspectField.FirstName,
        ["givenname"] = ProspectField.FirstName,
        ["forename"] = ProspectField.FirstName,
        ["lastname"] = ProspectField.LastName,
        ["last"] = ProspectField.LastName,
        ["surname"] = ProspectField.LastName,
        ["familyname"] = ProspectField.LastName,
        // Apollo: Company; HubSpot: Company Name; Sales Navigator: Current Company.
        ["company"] = ProspectField.Company,
        ["companyname"] = ProspectField.Company,
        ["organization"] = ProspectField.Company,
        ["organisation"] = ProspectField.Company,
        ["organizationname"] = ProspectField.Company,
        ["organisationname"] = ProspectField.Company,
        ["accountname"] = ProspectField.Company,
        ["employer"] = ProspectField.Company,
        ["currentcompany"] = ProspectField.Company,
        // Apollo: Title; HubSpot: Job Title; Sales Navigator: Current Title.
        ["title"] = ProspectField.Title,
        ["jobtitle"] = ProspectField.Title,
        ["position"] = ProspectField.Title,
        ["role"] = ProspectField.Title,
        ["designation"] = ProspectField.Title,
        ["currenttitle"] = ProspectField.Title,
        // Apollo: Person Linkedin Url (not Company Linkedin Url); HubSpot: LinkedIn URL; Sales Navigator: Profile URL.
        ["personlinkedinurl"] = ProspectField.LinkedinUrl,
        ["linkedinurl"] = ProspectField.LinkedinUrl,
        ["linkedin"] = ProspectField.LinkedinUrl,
        ["linkedinprofile"] = ProspectField.LinkedinUrl,
        ["linkedinprofileurl"] = ProspectField.LinkedinUrl,
        ["profileurl"] = ProspectField.LinkedinUrl,
        // The CRM's own id of the record: HubSpot Record ID, Salesforce Contact ID / Lead ID, Apollo Contact Id, a plain Id.
        ["recordid"] = ProspectField.ExternalId,
        ["contactid"] = ProspectField.ExternalId,
        ["leadid"] = ProspectField.ExternalId,
        ["id"] = ProspectField.ExternalId,
        ["crmid"] = ProspectField.ExternalId,
        ["externalid"] = ProspectField.ExternalId,
        ["hubspotid"] = ProspectField.ExternalId,
        ["salesforceid"] = ProspectField.ExternalId,
        ["apollocontactid"] = ProspectField.ExternalId,
        ["personid"] = ProspectField.ExternalId,
        // Apollo: Website; HubSpot: Website URL.
        ["website"] = ProspectField.Website,
        ["websiteurl"] = ProspectField.Website,
        ["companywebsite"] = ProspectField.Website,
        ["companywebsiteurl"] = ProspectField.Website,
        ["companyurl"] = ProspectField.Website,
        ["companydomain"] = ProspectField.Website,
        ["domain"] = ProspectField.Website,
        ["url"] = ProspectField.Website,

        // Localized HubSpot, Outlook and Excel exports (compared without accents): German, French, Spanish, Dutch.
        ["emailadresse"] = ProspectField.Email,
        ["adresseemail"] = ProspectField.Email,
        ["adressecourriel"] = ProspectField.Email,
        ["courriel"] = ProspectField.Email,
        ["correoelectronico"] = ProspectField.Email,
        ["correo"] = ProspectField.Email,
        ["emailadres"] = ProspectField.Email,
        ["vorname"] = ProspectField.FirstName,
        ["prenom"] = ProspectField.FirstName,
        ["nombre"] = ProspectField.FirstName,
        ["voornaam"] = ProspectField.FirstName,
        ["nachname"] = ProspectField.LastName,
        ["familienname"] = ProspectField.LastName,
        ["nom"] = ProspectField.LastName,
        ["nomdefamille"] = ProspectField.LastName,
        ["apellido"] = ProspectField.LastName,
        ["apellidos"] = ProspectField.LastName,
        ["achternaam"] = ProspectField.LastName,
        ["vollstandigername"] = ProspectField.Name,
        ["nomcomplet"] = ProspectField.Name,
        ["nombrecompleto"] = ProspectField.Name,
        ["naam"] = ProspectField.Name,
        ["volledigenaam"] = ProspectField.Name,
        ["unternehmen"] = ProspectField.Company,
        ["firma"] = ProspectField.Company,
        ["firmenname"] = ProspectField.Company,
        ["entreprise"] = ProspectField.Company,
        ["societe"] = ProspectField.Company,
        ["nomdelentreprise"] = ProspectField.Company,
        ["empresa"] = ProspectField.Company,
        ["nombredelaempresa"] = ProspectField.Company,
        ["bedrijf"] = ProspectField.Company,
        ["bedrijfsnaam"] = ProspectField.Company,
        ["berufsbezeichnung"] = ProspectField.Title,
        ["jobtitel"] = ProspectField.Title,
        ["intituleduposte"] = ProspectField.Title,
        ["intituledeposte"] = ProspectField.Title,
        ["poste"] = ProspectField.Title,
        ["fonction"] = ProspectField.Title,
        ["cargo"] = ProspectField.Title,
        ["puesto"] = ProspectField.Title,
        ["functie"] = ProspectField.Title,
        ["functietitel"] = ProspectField.Title,
        ["webseite"] = ProspectField.Website,
        ["siteweb"] = ProspectField.Website,
        ["siteinternet"] = ProspectField.Website,
        ["sitioweb"] = ProspectField.Website,
        ["paginaweb"] = ProspectField.Website,
    }.ToFrozenDictionary();

    private HeaderMapping(IReadOnlyList<string> headers, IReadOnlyDictionary<ProspectField, int> fields)
    {
        Headers = headers;
        FieldColumns = fields;
        var mapped = fields.Values.ToHashSet();
        ExtraColumns = Enumerable.Range(0, headers.Count).Where(i => !mapped.Contains(i) && headers[i].Length > 0).ToList();

        // The n-th column with a header already seen (ignoring case) is keyed "{header} ({n})", so no value is lost.
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ColumnKeys = headers.Select(h => h.Length == 0 ? h : (seen[h] = seen.GetValueOrDefault(h) + 1) is var n && n > 1 ? $"{h} ({n})" : h).ToList();
    }

    /// <summary>The header names as read (trimmed).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Column index of each mapped field.</summary>
    public IReadOnlyDictionary<ProspectField, int> FieldColumns { get; }

    /// <summary>Columns that go to additional_data, keyed by <see cref="ColumnKeys"/>.</summary>
    public IReadOnlyList<int> ExtraColumns { get; }

    /// <summary>Each column's name in reports and additional_data: its header, or "{header} ({n})" for the n-th repeat.</summary>
    public IReadOnlyList<string> ColumnKeys { get; }

    /// <summary>Column (by <see cref="ColumnKeys"/>) → field name, for reports (<c>outreach validate</c>): additional columns map to "additional_data".</summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i].Length == 0)
            {
                continue;
            }

            var field = FieldColumns.FirstOrDefault(kv => kv.Value == i);
            result[ColumnKeys[i]] = FieldColumns.Values.Contains(i) ? FieldName(field.Key) : "additional_data";
        }

        return result;
    }

    /// <summary>Maps <paramref name="headers"/>; throws <see cref="CsvFileRejectedException"/> when there is no email column.</summary>
    public static HeaderMapping Create(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var trimmed = headers.Select(h => h.Trim().Trim('\uFEFF').Trim()).ToList();
        var fields = new Dictionary<ProspectField, int>();
        for (var i = 0; i < trimmed.Count; i++)
        {
            if (Aliases.TryGetValue(Normalize(trimmed[i]), out var field))
            {
                // The first column for a field wins; a second one (Company and Company Name) is kept as extra data.
                fields.TryAdd(field, i);
            }
        }

        if (!fields.ContainsKey(ProspectField.Email))
        {
            throw new CsvFileRejectedException(
                $"No email column. The header has: {string.Join(", ", trimmed.Where(h => h.Length > 0).Take(30))}. " +
                $"Name one column Email, Email Address or Work Email (a header below a preamble is found within the first {HeaderLocator.MaxLines} lines).");
        }

        return new HeaderMapping(trimmed, fields);
    }

    /// <summary>Whether <paramref name="header"/> names the email column (how the header below a preamble is recognised).</summary>
    internal static bool IsEmailHeader(string header) =>
        Aliases.TryGetValue(Normalize(header.Trim().Trim('\uFEFF').Trim()), out var field) && field == ProspectField.Email;

    /// <summary>The comparison form of a header: lower case without accents, spaces, underscores, hyphens, dots or apostrophes ("Intitulé du poste" → intituleduposte).</summary>
    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var decomposed = header.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '.' or '\'' or '’')
                && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>The snake_case name of a field, as the prospects table names it.</summary>
    public static string FieldName(ProspectField field) => field switch
    {
        ProspectField.Email => "email",
        ProspectField.Name => "name",
        ProspectField.FirstName => "first_name",
        ProspectField.LastName => "last_name",
        ProspectField.Company => "company",
        ProspectField.Title => "title",
        ProspectField.LinkedinUrl => "linkedin_url",
        ProspectField.Website => "website",
        ProspectField.ExternalId => "external_id",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
