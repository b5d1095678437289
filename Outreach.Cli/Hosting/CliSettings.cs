using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Outreach.Cli.Hosting;

/// <summary>
/// Configuration for the CLI from the same names the Functions host reads: the <c>Values</c> of
/// <c>local.settings.json</c> in the current directory, then environment variables, which win.
/// So one local.settings.json serves <c>func start</c> and <c>outreach</c>.
/// </summary>
internal static class CliSettings
{
    /// <summary>The first of <paramref name="keys"/> (configuration keys) with no value, as its app-setting name; null when all are set.</summary>
    public static string? Missing(IConfiguration configuration, params string[] keys) =>
        keys.FirstOrDefault(k => string.IsNullOrWhiteSpace(configuration[k]))?.Replace(":", "__", StringComparison.Ordinal);

    public static IConfiguration Load(string? directory = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(directory ?? Directory.GetCurrentDirectory(), "local.settings.json");
        if (File.Exists(path))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var setting in section.EnumerateObject())
                {
                    // The host turns "A__B" into the configuration key "A:B"; do the same.
                    values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ToString();
                }
            }
        }

        return new ConfigurationBuilder()
            .AddInMemoryCollection(values)
            .AddEnvironmentVariables()
            .Build();
    }
}
