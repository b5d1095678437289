using System.Data.Common;
using Npgsql;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>
/// The read side of the suppression list in plain SQL (see <see cref="BatchReads"/> for why). Adding a suppression
/// writes through EF Core and answers by reading the row back here, so a suppression's view has one mapping.
/// </summary>
public sealed class SuppressionReads(NpgsqlDataSource dataSource)
{
    private const string Columns = "SELECT id, value, reason::text, source, note, created_at, updated_at FROM suppressions ";

    /// <summary>The suppression, or null.</summary>
    public Task<SuppressionRow?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        SingleRead.ReadAsync(dataSource, Columns + "WHERE id = @id", id, Read, cancellationToken);

    /// <summary>
    /// A page of suppressions, newest first, optionally only those whose value contains <paramref name="term"/> (as
    /// given: values are stored lower case), and how many match.
    /// </summary>
    public Task<(IReadOnlyList<SuppressionRow> Rows, long Total)> ListAsync(string? term, int skip, int take, CancellationToken cancellationToken)
    {
        var where = term is null ? string.Empty : "WHERE strpos(value, @term) > 0 ";
        return PagedRead.ReadAsync(
            dataSource,
            "SELECT count(*) FROM suppressions " + where,
            Columns + where + "ORDER BY created_at DESC, value OFFSET @skip LIMIT @take",
            parameters =>
            {
                if (term is not null)
                {
                    parameters.AddWithValue("term", term);
                }
            },
            skip,
            take,
            Read,
            cancellationToken);
    }

    private static SuppressionRow Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.Label<SuppressionReason>(2),
        reader.Nullable<string>(3),
        reader.Nullable<string>(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}
