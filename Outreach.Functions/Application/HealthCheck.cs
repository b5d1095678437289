using Azure.Storage.Blobs;
using Npgsql;

namespace Outreach.Functions.Application;

/// <summary>The result of <c>GET /api/health</c>.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks)
{
    /// <summary>The dependencies that failed.</summary>
    public IEnumerable<string> Failed => Checks.Where(c => c.Value != "ok").Select(c => c.Key);
}

/// <summary>Checks the two dependencies every function needs: PostgreSQL (a round trip) and storage (an authenticated read).</summary>
public sealed class HealthCheck(NpgsqlDataSource dataSource, BlobServiceClient blobs)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs both checks with a short timeout each.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var postgres = CheckAsync(async ct =>
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
        }, cancellationToken);
        var storage = CheckAsync(async ct => await blobs.GetPropertiesAsync(ct), cancellationToken);
        var checks = new Dictionary<string, string> { ["postgresql"] = await postgres, ["storage"] = await storage };
        return new HealthReport(checks.Values.All(v => v == "ok") ? "healthy" : "unhealthy", checks);
    }

    private static async Task<string> CheckAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await probe(timeout.Token);
            return "ok";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The type only: messages can carry host names and connection details.
            return $"failed ({(ex is OperationCanceledException ? "timed out" : ex.GetType().Name)})";
        }
    }
}
