using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Outreach.Cli.Commands;

/// <summary>
/// How every list verb answers: with <c>--json</c> the items as the API shapes them, else a table with a header line —
/// aligned columns, no borders, values as text (never Spectre markup) — or a line on stderr when there is nothing,
/// and a note when the list was cut.
/// </summary>
internal static class CliTable
{
    /// <summary>Writes <paramref name="items"/> (of <paramref name="total"/> in all) as JSON or as rows under <paramref name="headers"/>.</summary>
    public static async Task<int> ListAsync<T>(
        CliContext cli, bool json, IReadOnlyList<T> items, long total, IReadOnlyList<string> headers, Func<T, string?[]> row, string empty)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(items);
        if (json)
        {
            await cli.Output.WriteLineAsync(JsonSerializer.Serialize(items, CliJson.Options));
        }
        else if (items.Count == 0)
        {
            await cli.Error.WriteLineAsync(empty);
        }
        else
        {
            Write(cli.ConsoleFor(cli.Output), headers, items.Select(row));
        }

        if (total > items.Count)
        {
            await cli.Error.WriteLineAsync($"Showing the first {items.Count} of {total:N0}; a filter narrows the list, and the API pages through all of them.");
        }

        return ExitCodes.Ok;
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
