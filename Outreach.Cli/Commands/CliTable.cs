using Spectre.Console;
using Spectre.Console.Rendering;

namespace Outreach.Cli.Commands;

/// <summary>Rows as a table with a header line: aligned columns, no borders, values as text (never Spectre markup).</summary>
internal static class CliTable
{
    /// <summary>Writes <paramref name="rows"/> under <paramref name="headers"/> to stdout, or <paramref name="empty"/> to stderr when there are none.</summary>
    public static async Task WriteAsync(CliContext cli, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string empty)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var list = rows.ToList();
        if (list.Count == 0)
        {
            await cli.Error.WriteLineAsync(empty);
            return;
        }

        Write(cli.ConsoleFor(cli.Output), headers, list);
    }

    private static void Write(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new Table().Border(TableBorder.None).HideRowSeparators();
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(2).NoWrap());
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(value => (IRenderable)new Text(value ?? string.Empty)));
        }

        console.Write(table);
    }
}
