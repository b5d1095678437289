using System.Collections.Concurrent;
using System.Text;

namespace Outreach.Domain.StatusRules;

/// <summary>Converts enum member names to the UPPER_SNAKE_CASE labels stored in PostgreSQL.</summary>
public static class StatusLabel
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();
    private static readonly ConcurrentDictionary<(Type Type, string Label), Enum> Members = new();

    /// <summary>The database label of <paramref name="value"/>, e.g. PendingReview → PENDING_REVIEW.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cache.GetOrAdd(value, static v => ToUpperSnake(v.ToString()));
    }

    /// <summary>The member of <typeparamref name="T"/> whose label is exactly <paramref name="label"/>, as the database stores it.</summary>
    /// <exception cref="FormatException">No member has that label.</exception>
    public static T Parse<T>(string label)
        where T : struct, Enum =>
        (T)Parse(typeof(T), label);

    /// <summary>The member of <paramref name="enumType"/> whose label is exactly <paramref name="label"/>, as the database stores it.</summary>
    /// <exception cref="FormatException">No member has that label.</exception>
    public static Enum Parse(Type enumType, string label)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        ArgumentNullException.ThrowIfNull(label);

        // Non-generic on purpose: code generic over each enum (a value type) is compiled per enum at run time, which a
        // short process reading two or three of them would pay for every one.
        return Members.GetOrAdd((enumType, label), static key =>
        {
            foreach (Enum member in Enum.GetValues(key.Type))
            {
                if (string.Equals(Of(member), key.Label, StringComparison.Ordinal))
                {
                    return member;
                }
            }

            throw new FormatException($"'{key.Label}' is not a label of {key.Type.Name}.");
        });
    }

    /// <summary>PascalCase → UPPER_SNAKE_CASE.</summary>
    public static string ToUpperSnake(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
