using Microsoft.DurableTask;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// Which failures are an outage of the app's own infrastructure — PostgreSQL restarting, failing over or out of
/// connections, storage (or the Durable backend on it) unreachable — rather than anything wrong with the work.
/// Those are waited out, never recorded as a prospect's failure. Judged from type names and messages of the whole
/// chain, because that is all an orchestrator sees of an activity's exception (its failure details).
/// </summary>
public static class InfrastructureFaults
{
    /// <summary>How long an outage is waited out before the work fails (managed PostgreSQL restarts for maintenance take about a minute).</summary>
    public static TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(10);

    // PostgreSQL error classes that mean "try again later": connection exceptions (08), serialization failure and
    // deadlock (40001, 40P01), insufficient resources such as too many clients (53), operator intervention such as
    // admin shutdown, crash shutdown or cannot connect now (57P01–57P03), and lock not available (55P03).
    private static readonly string[] TransientSqlStates = ["08", "40001", "40P01", "53", "57P01", "57P02", "57P03", "55P03"];

    // gRPC statuses the Durable client gets when the engine's storage is away.
    private static readonly string[] TransientGrpcStatuses = ["\"Unavailable\"", "\"DeadlineExceeded\"", "\"Unknown\"", "\"Internal\"", "\"ResourceExhausted\""];

    /// <summary>What is away ("the database", "storage") when <paramref name="failure"/> or a failure inside it is an outage; otherwise null.</summary>
    public static string? OutageIn(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (Outage(f.ErrorType, f.ErrorMessage) is { } what)
            {
                return what;
            }
        }

        return null;
    }

    /// <summary>What is away when <paramref name="exception"/> or an exception inside it is an outage; otherwise null.</summary>
    public static string? OutageIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (Outage(e.GetType().FullName, e.Message) is { } what)
            {
                return what;
            }
        }

        return null;
    }

    private static string? Outage(string? errorType, string? message)
    {
        message ??= string.Empty;
        return errorType switch
        {
            // Npgsql's own failures are connection-level: refused, reset, timed out, pool exhausted.
            "Npgsql.NpgsqlException" => "the database",
            "Npgsql.PostgresException" => TransientSqlStates.Any(state => message.StartsWith(state, StringComparison.Ordinal)) ? "the database" : null,
            "System.TimeoutException" or "System.Net.Sockets.SocketException" => "the database or storage",

            // Storage: unreachable (no status) or a status worth retrying.
            "Azure.RequestFailedException" => !message.Contains("Status: 4", StringComparison.Ordinal)
                || message.Contains("Status: 408", StringComparison.Ordinal)
                || message.Contains("Status: 429", StringComparison.Ordinal) ? "storage" : null,
            "Grpc.Core.RpcException" => TransientGrpcStatuses.Any(status => message.Contains(status, StringComparison.Ordinal)) ? "storage" : null,

            // The isolated Functions host may flatten the chain into one message that starts with the original type.
            _ => message.StartsWith("Npgsql.NpgsqlException", StringComparison.Ordinal) ? "the database" : null,
        };
    }
}
