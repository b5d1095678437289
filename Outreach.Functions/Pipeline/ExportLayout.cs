using System.Globalization;
using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// The columns of each <see cref="ExportFormat"/> and a row's cells under them. A sequencer's layout starts with the
/// columns its importer maps by name and carries the email as custom variables under the same names the push uses
/// (<c>subject</c>, <c>body</c>, <c>footer</c>, <c>list_unsubscribe</c>, <c>external_id</c>), so a sequence written
/// against one works with the other.
/// </summary>
public sealed class ExportLayout
{
    private static readonly string[] Variables = ["subject", "body", "footer", "list_unsubscribe", "external_id"];

    private ExportLayout(string[] columns, Func<EmailRow, string?[]> cells) => (Columns, Cells) = (columns, cells);

    /// <summary>The header.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>A row's cells, in column order.</summary>
    public Func<EmailRow, string?[]> Cells { get; }

    /// <summary>The layout of <paramref name="format"/>.</summary>
    public static ExportLayout For(ExportFormat format) => format switch
    {
        ExportFormat.Generic => Generic,
        ExportFormat.Lemlist => Sequencer(["email", "firstName", "lastName", "companyName", "jobTitle", "companyDomain"], r =>
        {
            var (first, last) = PersonName.Split(r.Name);
            return [r.Email, first, last, r.Company, r.Title, Uri.TryCreate(r.Website, UriKind.Absolute, out var uri) ? uri.Host : null];
        }),
        _ => Sequencer(["email", "first_name", "last_name", "company_name", "job_title", "website"], r =>
        {
            var (first, last) = PersonName.Split(r.Name);
            return [r.Email, first, last, r.Company, r.Title, r.Website];
        }),
    };

    /// <summary>The results file's layout.</summary>
    public static ExportLayout Generic { get; } = new(
        ["ordinal", "name", "email", "company", "title", "subject", "body", "review_status", "model", "generated_at", "external_id", "footer", "list_unsubscribe"],
        r => [r.Ordinal.ToString(CultureInfo.InvariantCulture), r.Name, r.Email, r.Company, r.Title, r.Subject, r.Body, StatusLabel.Of(r.ReviewStatus), r.Model,
            r.GeneratedAt?.ToString("O", CultureInfo.InvariantCulture), r.ExternalId, r.Footer, CampaignCompliance.ListUnsubscribe(r.Unsubscribe)]);

    private static ExportLayout Sequencer(string[] person, Func<EmailRow, string?[]> cells) => new(
        [.. person, .. Variables],
        r =>
        {
            var lead = r.ToLead().Variables();
            return [.. cells(r), .. Variables.Select(v => lead[v])];
        });
}
