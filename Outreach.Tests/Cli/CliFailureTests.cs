using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Npgsql;
using Outreach.Cli;
using Outreach.Data.Persistence;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// What a person sees when something is wrong: one line naming the service, the address, the setting and the fix,
/// and a documented exit code — before any engine starts, and never a stack trace.
/// </summary>
public sealed class CliFailureTests(PostgresServer server)
{
    [Fact]
    public async Task Status_WhenPostgresIsDown_SaysWhereAndHowToStartItAndExits3()
    {
        var port = ClosedPort();
        using var cli = new CliHarness($"Host=127.0.0.1;Port={port};Database=outreach;Username=outreach;Password=x");

        var result = await cli.RunAsync("status", Guid.NewGuid().ToString());

        Assert.True(result.ExitCode == ExitCodes.Unavailable, result.ToString());
        Assert.Equal(
            $"PostgreSQL is not reachable at 127.0.0.1:{port} (ConnectionStrings__Outreach): Connection refused. Start the local services with eng/start-services.sh and `source .local/services.env`.",
            result.Error.Trim());
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Batches_WhenThePasswordIsWrong_NamesTheSettingToFixAndExits3()
    {
        var wrong = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Password = "not-the-password" };
        using var cli = new CliHarness(wrong.ConnectionString);

        var result = await cli.RunAsync("batches");

        Assert.True(result.ExitCode == ExitCodes.Unavailable, result.ToString());
        Assert.Contains($"refused user '{wrong.Username}'", result.Error, StringComparison.Ordinal);
        Assert.Contains("check Username and Password in ConnectionStrings__Outreach", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Campaigns_WhenTheDatabaseIsNotMigrated_SaysToRunMigrate()
    {
        await using var database = await server.CreateDatabaseAsync(migrated: false);
        await database.ExecuteAsync("SELECT 1");
        using var cli = new CliHarness(database.ConnectionString);

        var result = await cli.RunAsync("campaigns");

        Assert.True(result.ExitCode == ExitCodes.Unavailable, result.ToString());
        Assert.Contains("run `outreach migrate`", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_WhenTheLastMigrationIsNotApplied_CountsItAndSaysToRunMigrate()
    {
        await using var database = await server.CreateDatabaseAsync();
        await database.ExecuteAsync(
            $"DELETE FROM {OutreachDatabase.MigrationsHistoryTable} WHERE migration_id = (SELECT max(migration_id) FROM {OutreachDatabase.MigrationsHistoryTable})");
        using var cli = new CliHarness(database.ConnectionString);

        var result = await cli.RunAsync("batches");

        Assert.True(result.ExitCode == ExitCodes.Unavailable, result.ToString());
        Assert.Contains("is missing 1 migration(s): run `outreach migrate`", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Run_WhenStorageIsDown_SaysWhereBeforeStartingAnythingAndExits3()
    {
        await using var database = await server.CreateDatabaseAsync();
        var port = ClosedPort();
        var storage = TestEnvironment.StorageConnectionString.Split(';')
            .Select(part => part.StartsWith("BlobEndpoint=", StringComparison.OrdinalIgnoreCase) ? $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1" : part);
        using var cli = new CliHarness(database.ConnectionString, string.Join(';', storage));

        var result = await cli.RunAsync("run", cli.Csv("down.csv", CsvFileBuilder.WithHeader("Email").Row("a@b.example")), "--campaign", cli.QuietCampaign("Down"));

        Assert.True(result.ExitCode == ExitCodes.Unavailable, result.ToString());
        Assert.Contains($"Storage (Azurite) is not reachable at 127.0.0.1:{port} (AzureWebJobsStorage)", result.Error, StringComparison.Ordinal);
        Assert.Empty(CliHarness.StackTraceLines(result.Error));
    }

    [Fact]
    public async Task Run_WhenTheCampaignIsUnknown_NamesTheClosestFirstAndStartsNoEngine()
    {
        await using var database = await server.CreateDatabaseAsync();
        using var cli = new CliHarness(database.ConnectionString);
        foreach (var name in new[] { "Beta Launch", "Alpha Launch", "Gamma Renewal" })
        {
            Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("campaign", "apply", cli.QuietCampaign(name))).ExitCode);
        }

        var result = await cli.RunAsync("run", cli.Csv("leads.csv", CsvFileBuilder.WithHeader("Email").Row("a@b.example")), "--campaign", "alpha lunch");

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("No campaign named 'alpha lunch'. Campaigns, closest first: 'Alpha Launch', 'Beta Launch', 'Gamma Renewal'.", result.Error, StringComparison.Ordinal);

        // The engine's first act is to create its task hub; nothing of it exists.
        var leases = new BlobServiceClient(TestEnvironment.StorageConnectionString).GetBlobContainerClient($"{cli.TaskHub.ToLowerInvariant()}-leases");
        Assert.False(await leases.ExistsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CampaignApply_WhenAppliedTwice_CreatesThenUpdatesPrintingWhatChanged()
    {
        await using var database = await server.CreateDatabaseAsync();
        using var cli = new CliHarness(database.ConnectionString);
        var first = await cli.RunAsync("campaign", "apply", cli.QuietCampaign("Apply Twice", prompt: "Offer a short call."));
        var same = await cli.RunAsync("campaign", "apply", cli.QuietCampaign("Apply Twice", prompt: "Offer a short call."));

        var changed = await cli.RunAsync("campaign", "apply", cli.QuietCampaign("apply twice", prompt: "Offer a short call, and mention the audit."));
        var shown = await cli.RunAsync("campaign", "show", "APPLY TWICE");

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.Contains("Created campaign 'Apply Twice'", first.Error, StringComparison.Ordinal);
        Assert.Contains("is as Apply-Twice.json describes it", same.Error, StringComparison.Ordinal);
        Assert.True(changed.ExitCode == ExitCodes.Ok, changed.ToString());
        Assert.Contains("Updated campaign 'Apply Twice'", changed.Error, StringComparison.Ordinal);
        Assert.Contains("  prompt: 'Offer a short call.' -> 'Offer a short call, and mention the audit.'", changed.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
        Assert.Contains("Offer a short call, and mention the audit.", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignApply_WhenATemplateIsBroken_RefusesItNamingTheFileAndStoresNothing()
    {
        await using var database = await server.CreateDatabaseAsync();
        using var cli = new CliHarness(database.ConnectionString);
        var file = cli.File("broken.json", """{"name":"Broken","emailSubject":"Hi {{ first_name","prompt":"p","service":{"name":"s"}}""");

        var result = await cli.RunAsync("campaign", "apply", file);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.StartsWith("broken.json: emailSubject", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
