using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Domain.Entities;

namespace Outreach.Domain.Persistence.Configurations;

/// <summary>Conventions every table shares: UUID key set by the app, created/updated defaults for rows written by COPY.</summary>
internal abstract class EntityConfiguration<T> : IEntityTypeConfiguration<T>
    where T : Entity
{
    protected abstract string TableName { get; }

    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(e => e.UpdatedAt).HasDefaultValueSql("now()");
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);
}

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
