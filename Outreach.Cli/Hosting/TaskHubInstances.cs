using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace Outreach.Cli.Hosting;

/// <summary>
/// Reads an orchestration's runtime status straight from the task hub's Instances table — the table the Azure Storage
/// provider keeps one row per instance in (<c>{TaskHubName}Instances</c>, partition key the instance id, row key empty,
/// as the Durable Functions documentation describes it) — for <c>outreach status</c>, which starts no engine. One entity
/// read of one column: the provider's own client builds its whole tracking store and entity converters first, about
/// 0.35 s of CPU for a command that otherwise costs half a second.
/// </summary>
internal static class TaskHubInstances
{
    private static readonly string[] RuntimeStatusColumn = ["RuntimeStatus"];

    /// <summary>The instance's runtime status (<c>Running</c>, <c>Completed</c>, …), or null when the task hub has no such instance.</summary>
    public static async Task<string?> RuntimeStatusAsync(IConfiguration configuration, string instanceId, CancellationToken cancellationToken)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var table = new TableClient(LocalDurableEngine.TaskHubStorage(configuration), LocalDurableEngine.TaskHubName(configuration) + "Instances", options);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, RuntimeStatusColumn, cancellationToken);
        return row.HasValue ? row.Value!.GetString("RuntimeStatus") : null;
    }
}
