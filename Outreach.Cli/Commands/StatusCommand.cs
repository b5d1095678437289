using System.CommandLine;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;
using Outreach.Functions;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary><c>outreach status &lt;batchId&gt; [--json]</c>: the batch summary, without starting an engine.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var batch = new Argument<string>("batchId") { Description = "The batch id." };
        var json = new Option<bool>("--json") { Description = "Print the batch as JSON (the shape of GET /api/batches/{id})." };
        var command = new Command("status", "Show a batch.") { batch, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(batch)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(string batchArgument, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(batchArgument, out var batchId))
        {
            await error.WriteLineAsync($"'{batchArgument}' is not a batch id (a GUID).");
            return 2;
        }

        var configuration = CliSettings.Load();
        if (CliSettings.Missing(configuration, "ConnectionStrings:Outreach", "AzureWebJobsStorage") is { } missing)
        {
            await error.WriteLineAsync($"{missing} is not set. Start the local services with eng/start-services.sh and `source .local/services.env`.");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddOutreachFunctions();
        await using var provider = services.BuildServiceProvider();

        // The runtime status is read straight from the task hub's storage; no engine has to run.
        var taskHub = new AzureStorageOrchestrationService(Hosting.LocalDurableEngine.TaskHubSettings(configuration));
        var view = await provider.GetRequiredService<BatchQueries>().GetAsync(
            batchId,
            async (instanceId, _) => (await taskHub.GetOrchestrationStateAsync(instanceId, allExecutions: false)).FirstOrDefault()?.OrchestrationStatus.ToString(),
            cancellationToken);
        if (view is null)
        {
            await error.WriteLineAsync($"No batch {batchId}.");
            return 1;
        }

        await RunCommand.PrintAsync(view, provider.GetRequiredService<IDbContextFactory<OutreachDbContext>>(), provider.GetRequiredService<BlobServiceClient>(), json, null, output, error, cancellationToken);
        return 0;
    }
}
