using System.Collections.Concurrent;
using System.Text;

namespace Outreach.Domain.StatusRules;

/// <summary>Converts enum member names to the UPPER_SNAKE_CASE labels stored in PostgreSQL.</summary>
public static class StatusLabel
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>The database label of <paramref name="value"/>, e.g. PendingReview → PENDING_REVIEW.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cache.GetOrAdd(value, static v => ToUpperSnake(v.ToString()));
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
