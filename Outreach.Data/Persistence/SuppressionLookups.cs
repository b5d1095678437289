using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>
/// The one rule of who is suppressed: a prospect whose address, or whose address's whole domain (<c>@domain</c>), is in
/// <c>suppressions</c>. Written twice only because it runs in two places — as SQL over the import's staging rows, and
/// as a query over prospects before anything leaves (exports, pushes) — and both forms live here.
/// </summary>
public static class SuppressionLookups
{
    /// <summary>
    /// Rejects the import's staged rows (<c>import_rows</c>) whose address or domain is suppressed, with
    /// "suppressed: REASON" (the row keeps its line; the reason beats a later duplicate check).
    /// </summary>
    public const string RejectSuppressedImportRows = """
        UPDATE import_rows s SET reject_reason = 'suppressed: ' || x.reason::text
        FROM suppressions x
        WHERE s.reject_reason IS NULL
          AND (x.value = s.email_normalized OR x.value = '@' || split_part(s.email_normalized, '@', 2))
        """;

    /// <summary>The prospects that may still be contacted: none whose address or domain is suppressed.</summary>
    public static IQueryable<Prospect> NotSuppressed(this IQueryable<Prospect> prospects, IQueryable<Suppression> suppressions)
    {
        ArgumentNullException.ThrowIfNull(prospects);
        ArgumentNullException.ThrowIfNull(suppressions);
#pragma warning disable CA1307, CA1310, CA1845, CA1866 // an expression EF translates to SQL (strpos, substr): no culture is involved
        return prospects.Where(p => !suppressions.Any(s => s.Value == p.EmailNormalized || s.Value == "@" + p.EmailNormalized.Substring(p.EmailNormalized.IndexOf("@") + 1)));
#pragma warning restore CA1307, CA1310, CA1845, CA1866
    }
}
