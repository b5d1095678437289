using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Outreach.Cli;
using Outreach.Data.Persistence;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

public sealed class MigrationTests(PostgresServer server)
{
    [Fact]
    public async Task OutreachMigrate_WhenDatabaseIsEmpty_AppliesEveryMigrationAndCreatesTheSchema()
    {
        await using var database = await server.CreateDatabaseAsync(migrated: false);

        var (exitCode, output, error) = await RunCliAsync("migrate", "--connection", database.ConnectionString);

        Assert.True(exitCode == 0, error);
        await using var db = database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains($"applied {migrations.Count} migration(s)", output, StringComparison.Ordinal);
        Assert.All(migrations, m => Assert.Contains(m, output, StringComparison.Ordinal));
        Assert.DoesNotContain("Password", output, StringComparison.OrdinalIgnoreCase);
        var tables = await database.RowsAsync(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__ef_migrations_history' ORDER BY 1");
        // DESIGN.md's data model lists twelve tables; issue 16 adds suppressions, email_pushes, webhook_endpoints and webhook_deliveries.
        Assert.True(tables.Count == 16, string.Join(", ", tables.Select(t => t[0])));
    }

    [Fact]
    public async Task KnownMigrations_AreTheMigrationsEfKnowsInItsOrder()
    {
        await using var database = await server.CreateDatabaseAsync(migrated: false);
        await using var db = database.CreateContext();

        Assert.Equal(db.Database.GetMigrations(), OutreachDatabase.KnownMigrations());
        Assert.NotEmpty(OutreachDatabase.KnownMigrations());
    }

    [Fact]
    public async Task OutreachMigrate_WhenRunTwice_ChangesNothingTheSecondTime()
    {
        await using var database = await server.CreateDatabaseAsync(migrated: false);
        Assert.Equal(0, (await RunCliAsync("migrate", "--connection", database.ConnectionString)).ExitCode);
        var before = await SchemaSnapshot.TakeAsync(database);

        var (exitCode, output, _) = await RunCliAsync("migrate", "--connection", database.ConnectionString);

        Assert.Equal(0, exitCode);
        Assert.Contains("up to date", output, StringComparison.Ordinal);
        var after = await SchemaSnapshot.TakeAsync(database);
        Assert.Equal(before, after);
        Assert.NotEmpty(before);
    }

    [Fact]
    public async Task OutreachMigrate_WhenDatabaseDoesNotExist_CreatesItAndTheSchema()
    {
        var name = PostgresServer.NewDatabaseName();
        try
        {
            var (exitCode, _, error) = await RunCliAsync("migrate", "--connection", PostgresServer.ConnectionStringFor(name));

            Assert.True(exitCode == 0, error);
            Assert.True(await server.DatabaseExistsAsync(name));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task OutreachMigrate_WhenServerIsUnreachable_FailsWithExitCodeOneAndNoPassword()
    {
        var (exitCode, _, error) = await RunCliAsync(
            "migrate", "--connection", "Host=127.0.0.1;Port=1;Database=nowhere;Username=u;Password=s3cret;Timeout=2");

        Assert.Equal(1, exitCode);
        Assert.Contains("127.0.0.1:1/nowhere: migration failed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_WhenComparedWithTheMigrations_HasNoPendingChanges()
    {
        // Catches an entity or configuration change committed without its migration.
        await using var database = await server.CreateDatabaseAsync();
        await using var db = TestDatabase.CreateContext(database.DataSource, compiledModel: false);

        Assert.False(db.Database.HasPendingModelChanges(), "The EF model differs from the last migration: run `dotnet ef migrations add`.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CompiledModel_WhenComparedWithTheConfigurations_HasNoDifferences()
    {
        // Catches a configuration change committed without regenerating the compiled model the app runs on.
        await using var database = await server.CreateDatabaseAsync();
        await using var built = TestDatabase.CreateContext(database.DataSource, compiledModel: false);
        await using var compiled = database.CreateContext();

        var expected = Describe(built.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.GetRelationalModel());
        var actual = Describe(compiled.Model.GetRelationalModel());

        Assert.True(
            expected.SequenceEqual(actual),
            "The compiled model differs from the configurations; run `dotnet ef dbcontext optimize --project Outreach.Data --startup-project Outreach.Cli " +
            "--output-dir Persistence/CompiledModel --namespace Outreach.Data.Persistence` and delete the generated OutreachDbContextAssemblyAttributes.cs. " +
            $"Only in the configurations: {string.Join("; ", expected.Except(actual))}. Only in the compiled model: {string.Join("; ", actual.Except(expected))}.");
        Assert.IsType<Outreach.Data.Persistence.OutreachDbContextModel>(compiled.Model);
    }

    /// <summary>Every table with its columns (store type, nullability), keys, indexes and foreign keys, one line each, in order.</summary>
    private static List<string> Describe(Microsoft.EntityFrameworkCore.Metadata.IRelationalModel model) =>
        [.. model.Tables.SelectMany(t =>
                t.Columns.Select(c => $"{t.Name}.{c.Name} {c.StoreType}{(c.IsNullable ? " null" : string.Empty)}")
                    .Concat(t.UniqueConstraints.Select(u => $"{t.Name} key {u.Name} ({string.Join(", ", u.Columns.Select(c => c.Name))})"))
                    .Concat(t.Indexes.Select(i => $"{t.Name} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : string.Empty)}"))
                    .Concat(t.ForeignKeyConstraints.Select(f => $"{t.Name} fk {f.Name} ({string.Join(", ", f.Columns.Select(c => c.Name))}) -> {f.PrincipalTable.Name} {f.OnDeleteAction}")))
            .Order(StringComparer.Ordinal)];

    private static async Task<(int ExitCode, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await OutreachCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
