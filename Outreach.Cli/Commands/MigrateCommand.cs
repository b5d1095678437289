using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;

namespace Outreach.Cli.Commands;

/// <summary><c>outreach migrate [--connection …]</c>: applies the EF Core migrations; running it again changes nothing.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "Npgsql connection string. Defaults to ConnectionStrings__Outreach (environment or local.settings.json).",
        };
        var command = new Command("migrate", "Create or update the Outreach database schema.") { connection };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(connection),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    private static async Task<int> RunAsync(string? connectionString, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        connectionString ??= CliSettings.Load().GetConnectionString("Outreach");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync(
                "No database given: pass --connection or set ConnectionStrings__Outreach " +
                "(eng/start-services.sh starts a local PostgreSQL and writes it to .local/services.env).");
            return 2;
        }

        var target = Describe(connectionString);
        try
        {
            await using var dataSource = OutreachDatabase.CreateDataSource(connectionString);
            var options = new DbContextOptionsBuilder<OutreachDbContext>();
            options.UseOutreachDatabase(dataSource, compiledModel: false);
            await using var db = new OutreachDbContext(options.Options);

            // Migrate creates the database when it does not exist, and takes a migration lock, so two
            // concurrent `outreach migrate` runs (two deploy slots) cannot interleave.
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();

            if (pending.Count == 0)
            {
                await output.WriteLineAsync($"{target}: up to date ({applied} migrations applied, none pending).");
            }
            else
            {
                await output.WriteLineAsync($"{target}: applied {pending.Count} migration(s):");
                foreach (var migration in pending)
                {
                    await output.WriteLineAsync($"  {migration}");
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or DbUpdateException)
        {
            await error.WriteLineAsync($"{target}: migration failed: {ex.Message}");
            return 1;
        }
    }

    // Never echo the password: name the server and database only.
    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "the database";
        }
    }
}
