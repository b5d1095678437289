using System.Text.Json;

namespace Outreach.Cli.Commands;

/// <summary>JSON as the HTTP API writes it: camelCase, indented for people.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
