using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Documentation;

/// <summary>The README and docs/ link only to files and headings that exist: a clone of the repository is the whole documentation.</summary>
public sealed class DocumentationLinkTests
{
    private static readonly string Root = TestEnvironment.RepositoryRoot;

    [Fact]
    public void Links_WhenFollowed_ReachAFileAndHeadingOfTheRepository()
    {
        var documents = MarkdownDocument.OfRepository(Root);
        Assert.True(documents.Count >= 5, $"Expected README.md and the docs/ pages, found {documents.Count} files.");
        var byPath = documents.ToDictionary(d => System.IO.Path.GetFullPath(d.Path), StringComparer.Ordinal);
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        {
            foreach (var (target, line) in document.Links())
            {
                if (IsExternal(target))
                {
                    continue;
                }

                checkedLinks++;
                var problem = Problem(Root, document, target, byPath);
                if (problem is not null)
                {
                    broken.Add($"{System.IO.Path.GetRelativePath(Root, document.Path)}:{line}: ({target}) {problem}");
                }
            }
        }

        Assert.True(checkedLinks >= 20, $"Only {checkedLinks} relative links were found; is the link pattern still right?");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Theory]
    [InlineData("The review console (`outreach serve`)", "the-review-console-outreach-serve")]
    [InlineData("Deployment (`azd up`)", "deployment-azd-up")]
    [InlineData("Settings", "settings")]
    [InlineData("0001 — UUIDv7 keys", "0001--uuidv7-keys")]
    public void Slug_WhenGivenAHeading_IsTheAnchorGitHubMakes(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownDocument.Slug(heading));

    [Fact]
    public void Links_WhenOnePointsNowhere_AreReported()
    {
        var directory = Directory.CreateTempSubdirectory("outreach-docs-");
        try
        {
            var path = System.IO.Path.Combine(directory.FullName, "page.md");
            File.WriteAllLines(path, ["# Page", "", "[ok](#page) [gone](missing.md) [no heading](#nowhere) [outside](../elsewhere.md)", "", "```", "[in code](ignored.md)", "```"]);
            var document = MarkdownDocument.Load(path);
            var byPath = new Dictionary<string, MarkdownDocument>(StringComparer.Ordinal) { [System.IO.Path.GetFullPath(path)] = document };

            var problems = document.Links().Select(l => (l.Target, Problem: Problem(directory.FullName, document, l.Target, byPath))).ToList();

            Assert.Equal(["#page", "missing.md", "#nowhere", "../elsewhere.md"], problems.Select(p => p.Target));
            Assert.Null(problems[0].Problem);
            Assert.Contains("no file", problems[1].Problem, StringComparison.Ordinal);
            Assert.Contains("no heading", problems[2].Problem, StringComparison.Ordinal);
            Assert.Contains("outside the repository", problems[3].Problem, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static bool IsExternal(string target) =>
        target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static string? Problem(string root, MarkdownDocument from, string target, Dictionary<string, MarkdownDocument> documents)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var (file, anchor) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
        var path = file.Length == 0 ? from.Path : System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(from.Path)!, Uri.UnescapeDataString(file)));
        if (!path.StartsWith(System.IO.Path.GetFullPath(root).TrimEnd('/') + "/", StringComparison.Ordinal) && path != from.Path)
        {
            // A clone has nothing outside the repository (the project's workspace pages are not in it).
            return "is outside the repository";
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return "names no file of the repository";
        }

        if (anchor is null)
        {
            return null;
        }

        var document = documents.TryGetValue(System.IO.Path.GetFullPath(path), out var known) ? known : MarkdownDocument.Load(path);
        return document.Anchors.Contains(anchor) ? null : $"names no heading of {System.IO.Path.GetFileName(path)}";
    }
}
