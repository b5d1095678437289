using System.Text.Json.Nodes;
using Outreach.Cli;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary><c>outreach suppress add|list|import|remove</c> against a real database.</summary>
public sealed class SuppressCommandTests(PostgresServer server)
{
    [Fact]
    public async Task Suppress_AddListImportRemove_KeepsTheListAndSaysWhatItDid()
    {
        await using var database = await server.CreateDatabaseAsync();
        using var cli = new CliHarness(database.ConnectionString);
        var file = Path.Combine(cli.Directory.FullName, "bounces.csv");
        await File.WriteAllTextAsync(file, "email,reason\r\nbounced@example.com,\r\n@rival.example,COMPETITOR\r\nnope,\r\n", TestContext.Current.CancellationToken);

        var added = await cli.RunAsync("suppress", "add", "Ada@Engines.Example", "--reason", "unsubscribed", "--note", "replied STOP");
        var bad = await cli.RunAsync("suppress", "add", "not an address");
        var imported = await cli.RunAsync("suppress", "import", file, "--reason", "BOUNCED");
        var listed = await cli.RunAsync("suppress", "list", "--json");
        var removed = await cli.RunAsync("suppress", "remove", "ada@engines.example");
        var missing = await cli.RunAsync("suppress", "remove", "ada@engines.example");

        Assert.True(added.ExitCode == ExitCodes.Ok, added.ToString());
        Assert.Equal("Suppressed ada@engines.example (UNSUBSCRIBED): never imported, exported or pushed.", added.Output.Trim());
        Assert.Equal((ExitCodes.BadInput, "'not an address' is not a valid email address"), (bad.ExitCode, bad.Error.Trim()));
        Assert.Equal(ExitCodes.BadInput, imported.ExitCode);
        Assert.Equal(["2 added, 0 updated, 1 refused.", "  line 4: 'nope' is not a valid email address"], imported.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        var values = JsonNode.Parse(listed.Output)!.AsArray().Select(s => ((string?)s!["value"], (string?)s["reason"])).OrderBy(v => v.Item1).ToList();
        Assert.Equal([("@rival.example", "COMPETITOR"), ("ada@engines.example", "UNSUBSCRIBED"), ("bounced@example.com", "BOUNCED")], values);
        Assert.Equal((ExitCodes.Ok, ExitCodes.BadInput), (removed.ExitCode, missing.ExitCode));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM suppressions"));
    }
}
