using System.Data.Common;

namespace Outreach.Data.Reads;

/// <summary>Reads a column that may be SQL NULL.</summary>
internal static class DataReaderExtensions
{
    /// <summary>The column as <typeparamref name="T"/>, or null.</summary>
    public static T? Nullable<T>(this DbDataReader reader, int ordinal)
        where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>The column as <typeparamref name="T"/>, or null.</summary>
    public static T? NullableValue<T>(this DbDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
