using Microsoft.Extensions.Configuration;
using Outreach.Cli;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// Runs <c>outreach</c> in-process against one test database, the shared Azurite (a task hub of its own) and the test
/// DNS server, with a scratch directory for its files — the settings are handed over, not read from the environment,
/// so tests run in parallel.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string?> _settings;

    public CliHarness(string connectionString, string? storage = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("outreach-cli-");
        TaskHub = $"cli{Guid.NewGuid():N}"[..16];
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = connectionString,
            ["AzureWebJobsStorage"] = storage ?? TestEnvironment.StorageConnectionString,
            ["TaskHubName"] = TaskHub,
            ["Verification:DnsServers"] = TestEnvironment.DnsServer,
            ["Cli:LogDirectory"] = Path.Combine(Directory.FullName, "logs"),
            ["Cli:ResultsDirectory"] = Path.Combine(Directory.FullName, "results"),
            ["LocalEngine:VisibilityTimeoutSeconds"] = "10",
        };
    }

    /// <summary>Adds or replaces a setting (configuration key, like <c>Pipeline:ChunkSize</c>).</summary>
    public CliHarness With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The scratch directory (files, logs, results).</summary>
    public DirectoryInfo Directory { get; }

    /// <summary>The task hub this harness's engines use.</summary>
    public string TaskHub { get; }

    /// <summary>The settings as environment variables, for <see cref="CliProcess"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        _settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    /// <summary>Runs <c>outreach</c> with <paramref name="args"/>.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var code = await OutreachCli.RunAsync(args, output, error, settings, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Writes a file into the scratch directory and returns its path.</summary>
    public string File(string name, string text)
    {
        var path = Path.Combine(Directory.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a CSV into the scratch directory and returns its path.</summary>
    public string Csv(string name, CsvFileBuilder csv)
    {
        var path = Path.Combine(Directory.FullName, name);
        System.IO.File.WriteAllBytes(path, csv.Build());
        return path;
    }

    /// <summary>A campaign file: no enrichment, no address checks — a run needs nothing but the engine.</summary>
    public string QuietCampaign(string name, string prompt = "Offer a short call.", string[]? enrichment = null) => File(
        $"{name.Replace(' ', '-')}.json",
        System.Text.Json.JsonSerializer.Serialize(new
        {
            name,
            emailSubject = "An idea for {{company}}",
            prompt,
            enrichmentFlags = enrichment ?? [],
            requiredEnrichment = enrichment ?? [],
            verification = "off",
            service = new { name = $"{name} service", description = "A review.", valueProposition = "Savings." },
        }));

    public void Dispose() => Directory.Delete(recursive: true);

    /// <summary>Stack-trace lines (<c>   at Namespace.Type.Method(…)</c>) in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> StackTraceLines(string text) =>
        [.. text.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+at \S+\(.*\)") || l.Contains("--- End of stack trace", StringComparison.Ordinal))];
}
