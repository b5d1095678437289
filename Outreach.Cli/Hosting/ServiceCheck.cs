using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Data.Persistence;

namespace Outreach.Cli.Hosting;

/// <summary>
/// Checks, before a command does anything, that the services it needs can be used — and when not, says in one line
/// which service, at which address, through which setting, and what to do (exit code <see cref="ExitCodes.Unavailable"/>;
/// a missing setting is <see cref="ExitCodes.BadInput"/>). A few seconds at most: nothing waits for an engine first.
/// </summary>
internal static class ServiceCheck
{
    private const string DatabaseSetting = "ConnectionStrings__Outreach";
    private const string StorageSetting = "AzureWebJobsStorage";
    private const string StartServices = "Start the local services with eng/start-services.sh and `source .local/services.env`";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// PostgreSQL answers and accepts the credentials (a few seconds at most), and has every migration applied that
    /// the app knows. It opens the first connection of the app's own data source (<paramref name="services"/>), so the
    /// command's reads that follow reuse it instead of paying for a second.
    /// </summary>
    public static async Task DatabaseAsync(IConfiguration configuration, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connectionString = Required(configuration, "ConnectionStrings:Outreach");
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ExitCodes.BadInput, $"{DatabaseSetting} is not a PostgreSQL connection string: {ex.Message}");
        }

        var where = $"{settings.Host}:{settings.Port}";
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            HashSet<string> applied;
            await using (var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(deadline.Token))
            {
                applied = await AppliedMigrationsAsync(connection, deadline.Token);
            }

            var pending = OutreachDatabase.KnownMigrations().Count(migration => !applied.Contains(migration));
            if (pending > 0)
            {
                throw new CliException(ExitCodes.Unavailable, $"The database '{settings.Database}' at {where} is missing {pending} migration(s): run `outreach migrate`.");
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new CliException(ExitCodes.Unavailable, $"PostgreSQL at {where} refused user '{settings.Username}' ({ex.MessageText}): check Username and Password in {DatabaseSetting}.");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new CliException(ExitCodes.Unavailable, $"PostgreSQL at {where} has no database '{settings.Database}': run `outreach migrate` (it creates it), or fix Database in {DatabaseSetting}.");
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unavailable, $"PostgreSQL is not reachable at {where} ({DatabaseSetting}): {Reason(ex)}. {StartServices}.", ex);
        }
    }

    // EF's own GetPendingMigrationsAsync builds a model of its history table through the whole convention set first —
    // about a tenth of the CPU of a read verb such as `outreach batches`. The applied migrations are a plain read of
    // the history table; the ones the app knows, OutreachDatabase.KnownMigrations, are read off their attributes.
    private static async Task<HashSet<string>> AppliedMigrationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT migration_id FROM {OutreachDatabase.MigrationsHistoryTable}", connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Never migrated: every migration is pending.
        }

        return applied;
    }

    /// <summary>The storage account of <c>AzureWebJobsStorage</c> answers and accepts its key (identity-based settings are left to the first call).</summary>
    public static async Task StorageAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var connectionString = configuration[StorageSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (configuration.GetSection(StorageSetting).GetChildren().Any())
            {
                return;
            }

            throw new CliException(ExitCodes.BadInput, $"{StorageSetting} is not set. {StartServices}.");
        }

        BlobServiceClient blobs;
        try
        {
            var options = new BlobClientOptions();
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = Timeout;
            blobs = new BlobServiceClient(connectionString, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CliException(ExitCodes.BadInput, $"{StorageSetting} is not a storage connection string: {ex.Message}");
        }

        var where = $"{blobs.Uri.Host}:{blobs.Uri.Port}";
        try
        {
            await blobs.GetPropertiesAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403)
        {
            throw new CliException(ExitCodes.Unavailable, $"Storage at {where} refused the account key: check AccountKey in {StorageSetting}.", ex);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unavailable, $"Storage (Azurite) is not reachable at {where} ({StorageSetting}): {Reason(ex)}. {StartServices}.", ex);
        }
    }

    /// <summary>The value of <paramref name="key"/>, or a one-line error naming its app setting.</summary>
    public static string Required(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[key] is { Length: > 0 } value
            ? value
            : throw new CliException(ExitCodes.BadInput, $"{key.Replace(":", "__", StringComparison.Ordinal)} is not set. {StartServices}.");
    }

    // The innermost message is the one that says what happened ("Connection refused"); the outer ones say where.
    private static string Reason(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var text = inner is TimeoutException or OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:F0} s" : inner.Message;
        return text.Split('\n', 2)[0].Trim().TrimEnd('.');
    }
}
