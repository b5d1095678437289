namespace Outreach.Domain.Entities;

/// <summary>A prospect's one name field split the way templates and sequencers want it: the first word, and the rest.</summary>
public static class PersonName
{
    /// <summary>("Ada", "King Lovelace") for "Ada King Lovelace"; nulls for a blank name.</summary>
    public static (string? First, string? Last) Split(string? name)
    {
        var parts = name?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return (parts.FirstOrDefault(), parts.Length > 1 ? string.Join(' ', parts[1..]) : null);
    }
}
