using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Outreach.Data.Persistence.Configurations;

/// <summary>Column helpers that keep the type decisions of DESIGN.md in one place.</summary>
internal static class PropertyBuilderExtensions
{
    /// <summary>Unbounded or AI-generated text: never a varchar that would cut an LLM's answer.</summary>
    public static PropertyBuilder<TString> IsText<TString>(this PropertyBuilder<TString> property) => property.HasColumnType("text");

    /// <summary>
    /// Stores <typeparamref name="TValue"/> as jsonb through <see cref="OutreachJson"/>. The comparer
    /// compares serialized forms so EF notices in-place edits of lists and dictionaries.
    /// </summary>
    public static PropertyBuilder<TValue> IsJsonb<TValue>(this PropertyBuilder<TValue> property)
        where TValue : class, new()
    {
        var comparer = new ValueComparer<TValue>(
            (a, b) => OutreachJson.Serialize(a) == OutreachJson.Serialize(b),
            v => OutreachJson.Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => OutreachJson.Deserialize<TValue>(OutreachJson.Serialize(v)));

        return property
            .HasConversion(v => OutreachJson.Serialize(v), s => OutreachJson.Deserialize<TValue>(s), comparer)
            .HasColumnType("jsonb")
            .IsRequired()
            .HasDefaultValueSql(typeof(System.Collections.IDictionary).IsAssignableFrom(typeof(TValue)) ? "'{}'::jsonb" : "'[]'::jsonb");
    }
}
