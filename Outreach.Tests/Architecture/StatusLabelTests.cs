using System.Text.RegularExpressions;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Architecture;

/// <summary>
/// Statuses reach SQL only as parameters, and every guarded move lives in <c>StatusTransitions</c>: a status label
/// typed into a SQL string anywhere in the shipped code would be a second owner of a rule. Migrations (which create
/// the enum types) are the one exception.
/// </summary>
public sealed class StatusLabelTests
{
    [Fact]
    public void SourceCode_OutsideMigrations_TypesNoStatusLabelIntoSql()
    {
        var root = TestEnvironment.RepositoryRoot;
        var labels = typeof(BatchStatus).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(BatchStatus).Namespace)
            .SelectMany(t => Enum.GetValues(t).Cast<Enum>().Select(StatusLabel.Of))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var quoted = new Regex($"'({string.Join('|', labels.Select(Regex.Escape))})'", RegexOptions.CultureInvariant);

        var hits = new[] { "Outreach.Domain", "Outreach.Data", "Outreach.Functions", "Outreach.Cli" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(x => quoted.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root, x.path)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(labels.Count > 20, $"Expected the labels of every status enum; found {labels.Count}.");
        Assert.True(hits.Count == 0, "Status labels typed into SQL (pass the enum as a parameter; moves belong in StatusTransitions):\n" + string.Join('\n', hits));
    }
}
