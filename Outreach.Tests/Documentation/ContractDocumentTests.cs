using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Outreach.Cli;
using Outreach.Cli.Serve;
using Outreach.Data.Persistence;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Documentation;

/// <summary>
/// docs/architecture.md is the contract: it names every setting the app binds or the sample holds, every table, route
/// and verb, and draws the status rules as they are. Adding one of those without its line there fails here.
/// </summary>
public sealed partial class ContractDocumentTests
{
    private static readonly MarkdownDocument Contract = MarkdownDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "architecture.md"));

    [Fact]
    public void Settings_WhenBoundByTheAppOrInTheSample_AreNamedInTheContract()
    {
        var documented = DocumentedSettings(Contract.Section("Settings"));
        var bound = BoundSettings().ToList();
        Assert.Contains("Pipeline__PurgeChunkHistories", bound);
        Assert.Contains("Webhooks__Endpoints__N__Secret", bound);

        var missing = bound.Concat(SampleSettings()).Distinct(StringComparer.Ordinal).Where(s => !documented.Contains(s)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "docs/architecture.md (Settings) does not name: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("`Providers__{OpenAI,Gemini}__ApiKey` / `__BaseUrl`", "Providers__OpenAI__ApiKey Providers__Gemini__ApiKey Providers__OpenAI__BaseUrl Providers__Gemini__BaseUrl")]
    [InlineData("`Sequencers__AllowPrivateAddresses` / `Webhooks__AllowPrivateAddresses`", "Sequencers__AllowPrivateAddresses Webhooks__AllowPrivateAddresses")]
    [InlineData("`Cli__LogDirectory` / `__ResultsDirectory`", "Cli__LogDirectory Cli__ResultsDirectory")]
    public void DocumentedSettings_WhenAbbreviated_ExpandToEveryName(string cell, string names)
    {
        var expanded = DocumentedSettings([$"| {cell} | what |"]);

        Assert.Equal(names.Split(' ').Order(StringComparer.Ordinal), expanded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tables_OfTheModel_AreNamedInTheDataModel()
    {
        var tables = OutreachDbContextModel.Instance.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.True(tables.Count >= 16, $"Only {tables.Count} tables in the model.");

        AssertSectionNamesExactly("Data model", tables, "table of the model");
    }

    [Fact]
    public void Routes_OfTheHttpFunctions_AreNamedInTheContract()
    {
        var routes = FunctionRoutes.All.SelectMany(r => r.Verbs.Select(v => $"{v} /api/{r.Route}")).ToList();
        Assert.True(routes.Count >= 40, $"Only {routes.Count} routes were found.");

        AssertSectionNamesExactly("Routes", routes, "route an HTTP function serves");
    }

    [Fact]
    public void Verbs_OfTheCommand_AreNamedInTheContract()
    {
        var verbs = OutreachCli.Root().Subcommands.Select(c => $"outreach {c.Name}").ToList();
        Assert.True(verbs.Count >= 25, $"Only {verbs.Count} verbs were found.");

        AssertSectionNamesExactly("Commands", verbs, "verb of the command");
    }

    /// <summary>The code spans of the section's table name exactly <paramref name="actual"/>: none missing, none extra.</summary>
    private static void AssertSectionNamesExactly(string section, IReadOnlyCollection<string> actual, string what)
    {
        var documented = MarkdownDocument.FirstCellCodeSpans(Contract.Section(section)).SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var missing = actual.Where(a => !documented.Contains(a)).ToList();
        var extra = documented.Where(d => !actual.Contains(d)).ToList();

        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"docs/architecture.md ({section}) does not name: {string.Join(", ", missing)}; names what is no {what}: {string.Join(", ", extra)}.");
    }

    [Fact]
    public void StateDiagrams_OfProspectsAndBatches_AreTheRules()
    {
        AssertDiagramIs(Rules.Prospect, "Rules.Prospect");
        AssertDiagramIs(Rules.Batch, "Rules.Batch");
    }

    private static void AssertDiagramIs<TStatus>(StatusMachine<TStatus> machine, string marker)
        where TStatus : struct, Enum
    {
        var drawn = DiagramEdges(marker);
        var statuses = Enum.GetValues<TStatus>();
        var rules = statuses.SelectMany(from => statuses.Where(to => machine.CanMove(from, to)).Select(to => (StatusLabel.Of(from), StatusLabel.Of(to)))).ToHashSet();

        Assert.True(drawn.SetEquals(rules),
            $"The diagram '{marker}' in docs/architecture.md differs from {marker}: drawn but not a rule: {string.Join(", ", drawn.Except(rules))}; " +
            $"a rule but not drawn: {string.Join(", ", rules.Except(drawn))}.");
    }

    /// <summary>The edges of the Mermaid state diagram that carries <c>%% {marker}</c>, the start edges left out.</summary>
    private static HashSet<(string From, string To)> DiagramEdges(string marker)
    {
        var lines = Contract.Lines;
        var start = lines.ToList().FindIndex(l => l.Trim() == $"%% {marker}");
        Assert.True(start >= 0, $"docs/architecture.md has no state diagram marked '%% {marker}'.");
        return [.. lines.Skip(start + 1).TakeWhile(l => !l.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .Select(l => EdgePattern().Match(l)).Where(m => m.Success && m.Groups["from"].Value != "[*]")
            .Select(m => (m.Groups["from"].Value, m.Groups["to"].Value))];
    }

    /// <summary>
    /// Every setting a table's first column names: <c>{A,B}</c> stands for each of A and B, and a span that starts with
    /// <c>__</c> replaces the last part of the span before it.
    /// </summary>
    private static HashSet<string> DocumentedSettings(IEnumerable<string> section)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spans in MarkdownDocument.FirstCellCodeSpans(section))
        {
            var previous = "";
            foreach (var span in spans)
            {
                var full = span.StartsWith("__", StringComparison.Ordinal) ? previous[..previous.LastIndexOf("__", StringComparison.Ordinal)] + span : span;
                names.UnionWith(Expand(full));
                previous = full;
            }
        }

        return names;
    }

    private static IEnumerable<string> Expand(string pattern)
    {
        var match = BracesPattern().Match(pattern);
        return match.Success
            ? match.Groups["options"].Value.Split(',').SelectMany(o => Expand(pattern[..match.Index] + o + pattern[(match.Index + match.Length)..]))
            : [pattern];
    }

    private static IEnumerable<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>Every setting an options class binds: its section, then each settable property (lists as <c>__N__</c>).</summary>
    private static IEnumerable<string> BoundSettings() =>
        new[] { typeof(Outreach.Domain.Import.ImportOptions), typeof(DatabaseOptions), typeof(Outreach.Functions.Pipeline.PipelineOptions), typeof(OutreachCli) }
            .Select(t => t.Assembly)
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? (string?)field.GetRawConstantValue() : null))
            .Where(t => t.Section is not null)
            .SelectMany(t => Properties(t.Type, t.Section!.Replace(":", "__", StringComparison.Ordinal)));

    private static IEnumerable<string> Properties(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var name = $"{prefix}__{property.Name}";
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                ? property.PropertyType.GetGenericArguments()[0]
                : null;
            if (element is not null && !IsScalar(element))
            {
                foreach (var nested in Properties(element, $"{name}__N"))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return name;
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    [GeneratedRegex(@"^\s*(?<from>\[\*\]|[A-Z_]+)\s*-->\s*(?<to>[A-Z_]+)")]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"\{(?<options>[A-Za-z]+(,[A-Za-z]+)+)\}")]
    private static partial Regex BracesPattern();
}
