using System.Text;
using System.Text.RegularExpressions;

namespace Outreach.Tests.Documentation;

/// <summary>
/// A Markdown file of the repository read the way GitHub renders it, as far as the documentation tests need: headings
/// and their anchors, links outside code, sections, and the code spans of a section's tables.
/// </summary>
public sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, string[] lines)
    {
        Path = path;
        Lines = lines;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, _) in ProseLines())
        {
            var heading = HeadingPattern().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            // GitHub numbers repeated anchors: setup, setup-1, setup-2.
            var slug = Slug(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(slug);
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            seen[slug] = count + 1;
        }

        Anchors = anchors;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's lines.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The anchors GitHub gives the file's headings.</summary>
    public IReadOnlySet<string> Anchors { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static MarkdownDocument Load(string path) => new(path, File.ReadAllLines(path));

    /// <summary>Every Markdown file the repository documents itself with: README.md and everything under docs/.</summary>
    public static IReadOnlyList<MarkdownDocument> OfRepository(string root) =>
        [Load(System.IO.Path.Combine(root, "README.md")),
         .. Directory.EnumerateFiles(System.IO.Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load)];

    /// <summary>The anchor GitHub makes of a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Slug(string heading)
    {
        var text = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                text.Append(c);
            }
            else if (c == ' ')
            {
                text.Append('-');
            }
        }

        return text.ToString();
    }

    /// <summary>Every link and image target outside code, with its line number.</summary>
    public IEnumerable<(string Target, int Line)> Links() =>
        ProseLines().SelectMany(l => LinkPattern().Matches(CodeSpanPattern().Replace(l.Text, "")).Select(m => (m.Groups["target"].Value, l.Number)));

    /// <summary>The lines of the section under the heading <paramref name="heading"/>, up to the next heading of its level or above.</summary>
    public IReadOnlyList<string> Section(string heading)
    {
        var start = -1;
        var level = 0;
        for (var i = 0; i < Lines.Count; i++)
        {
            var match = HeadingPattern().Match(Lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var depth = match.Groups["hashes"].Length;
            if (start >= 0 && depth <= level)
            {
                return [.. Lines.Skip(start).Take(i - start)];
            }

            if (start < 0 && match.Groups["text"].Value.Trim() == heading)
            {
                (start, level) = (i + 1, depth);
            }
        }

        return start < 0 ? throw new InvalidOperationException($"{Path} has no heading '{heading}'.") : [.. Lines.Skip(start)];
    }

    /// <summary>The code spans of the first cell of each table row in a section (the header and separator rows left out).</summary>
    public static IEnumerable<IReadOnlyList<string>> FirstCellCodeSpans(IEnumerable<string> section) =>
        section
            .Where(l => l.StartsWith('|') && !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.Replace("\\|", "\u0001", StringComparison.Ordinal).Split('|')[1])
            .Select(cell => (IReadOnlyList<string>)[.. CodeSpanPattern().Matches(cell).Select(m => m.Value.Trim('`').Replace("\u0001", "|", StringComparison.Ordinal))])
            .Where(spans => spans.Count > 0);

    /// <summary>The lines outside fenced code blocks, numbered from 1.</summary>
    private IEnumerable<(string Text, int Number)> ProseLines()
    {
        var fenced = false;
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                yield return (Lines[i], i + 1);
            }
        }
    }

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"`[^`]+`")]
    private static partial Regex CodeSpanPattern();
}
