using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Outreach.Data.Persistence;

/// <summary>
/// The one JSON shape for jsonb columns: snake_case properties (like the SQL around them) and enum
/// values as their database labels. The EF converters and the COPY writer both use it, so a row
/// written either way reads back the same.
/// </summary>
public static class OutreachJson
{
    /// <summary>Serializer options for jsonb content.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // jsonb stores the parsed value; escaping non-ASCII would only make raw rows harder to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(OutreachJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Serializes <paramref name="value"/> for a jsonb column.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a jsonb value; a SQL null or JSON null becomes a new empty <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(string json)
        where T : new() =>
        JsonSerializer.Deserialize<T>(json, Options) ?? new T();
}
