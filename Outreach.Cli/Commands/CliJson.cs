using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Outreach.Cli.Commands;

/// <summary>JSON as the HTTP API writes it: camelCase, indented for people.</summary>
internal static class CliJson
{
    /// <summary>The options: the generated serializers of <see cref="CliJsonContext"/> first, reflection for the rest.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
