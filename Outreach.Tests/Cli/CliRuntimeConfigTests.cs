using System.Text.Json.Nodes;

namespace Outreach.Tests.Cli;

/// <summary>
/// The runtime settings the <c>outreach</c> process starts with (its runtimeconfig.json, the one the tests' CLI
/// processes run with too).
/// </summary>
public sealed class CliRuntimeConfigTests
{
    [Fact]
    public async Task RuntimeConfig_OfTheCli_KeepsIdleThreadPoolWorkersFromSpinning()
    {
        // The local engine shares the machine with Azurite and PostgreSQL; spinning workers took CPU they were waiting for.
        var path = Path.Combine(AppContext.BaseDirectory, "outreach.runtimeconfig.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!;

        var limit = config["runtimeOptions"]?["configProperties"]?["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"];

        Assert.NotNull(limit);
        Assert.Equal(0, limit.GetValue<int>());
    }
}
