using System.Text.Json.Nodes;
using Outreach.Cli;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// A batch made by <c>outreach run</c> on real PostgreSQL, Azurite and the local engine, which the other verbs then read
/// and change — each through the same application services the HTTP API uses.
/// </summary>
public sealed class CliBatchFixture(PostgresServer server) : IAsyncLifetime
{
    public const int Prospects = 4;

    public TestDatabase Database { get; private set; } = null!;

    internal CliHarness Cli { get; private set; } = null!;

    public Guid BatchId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Database = await server.CreateDatabaseAsync();
        Cli = new CliHarness(Database.ConnectionString);
        var csv = CsvFileBuilder.WithHeader("Email", "Full Name", "Company", "Title");
        for (var i = 0; i < Prospects; i++)
        {
            csv.Row($"p{i}@verbs.example", $"Person {i}", $"Company {i}", "CTO");
        }

        csv.Row(string.Empty, "No Address", "Nowhere", "CTO");
        var run = await Cli.RunAsync("run", Cli.Csv("verbs.csv", csv), "--campaign", Cli.QuietCampaign("Verb Tests"), "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        BatchId = Guid.Parse((string)JsonNode.Parse(run.Output)!["id"]!);
    }

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await Database.DisposeAsync();
    }
}
