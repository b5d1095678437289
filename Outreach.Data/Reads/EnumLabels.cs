using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Outreach.Domain.StatusRules;

namespace Outreach.Data.Reads;

/// <summary>
/// Enum columns on the read side travel as their labels: the SQL selects them as <c>column::text</c> and compares them
/// with a label sent untyped, which PostgreSQL takes as the column's enum type. So the reads need no enum mapping on
/// the data source: a process that only reads builds its data source without the seventeen mappings
/// (<see cref="Persistence.OutreachDatabase.CreateReadDataSource"/>), which are most of a short command's data-source
/// CPU, and the same SQL runs on the mapped data source of a process that also writes.
/// </summary>
internal static class EnumLabels
{
    /// <summary>The column (selected as <c>::text</c>) as the member of <typeparamref name="T"/> it labels.</summary>
    public static T Label<T>(this DbDataReader reader, int ordinal)
        where T : struct, Enum =>
        StatusLabel.Parse<T>(reader.GetString(ordinal));

    /// <summary>The column (selected as <c>::text</c>) as the member of <typeparamref name="T"/> it labels, or null.</summary>
    public static T? NullableLabel<T>(this DbDataReader reader, int ordinal)
        where T : struct, Enum =>
        reader.IsDBNull(ordinal) ? null : reader.Label<T>(ordinal);

    /// <summary>Binds <paramref name="value"/> as its label, untyped: PostgreSQL takes it as the enum type of the column it is compared with.</summary>
    public static void AddLabel(this NpgsqlParameterCollection parameters, string name, Enum value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = StatusLabel.Of(value) });
}
