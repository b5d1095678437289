using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Activities;
using Outreach.Functions.Pipeline;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Builders;

/// <summary>
/// A batch whose job StartBatch has started, with the app's services over the test's database, for tests that run the
/// pipeline's activities by hand: <see cref="Work"/> names a prospect's work, <see cref="Activity{T}"/> makes an activity.
/// </summary>
internal sealed class StartedJob(ServiceProvider services, Scenario scenario, BatchPlan plan) : IAsyncDisposable
{
    /// <summary>The app's services the activities run on.</summary>
    public ServiceProvider Services { get; } = services;

    /// <summary>The campaign, batch and prospects.</summary>
    public Scenario Scenario { get; } = scenario;

    /// <summary>What StartBatch returned: the job and its chunking.</summary>
    public BatchPlan Plan { get; } = plan;

    /// <summary>
    /// A batch of <paramref name="prospects"/> prospects with its job started, on services built with
    /// <paramref name="configure"/> (the last registration of a service wins) and storage for the results files.
    /// </summary>
    public static async Task<StartedJob> CreateAsync(TestDatabase database, int prospects, Action<IServiceCollection>? configure = null)
    {
        var services = AppServices.Build(database, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString }, configure: configure);
        var scenario = await Scenario.CreateAsync(database, prospects);
        var plan = await ActivatorUtilities.CreateInstance<StartBatch>(services)
            .RunAsync(new StartBatchInput(scenario.Batch.Id, scenario.Batch.InstanceId), TestContext.Current.CancellationToken);
        return new StartedJob(services, scenario, plan);
    }

    /// <summary>The work of prospect <paramref name="index"/> (in file order) in the started job.</summary>
    public ProspectWork Work(int index) => new(Scenario.Prospects[index].Id, Plan.JobId);

    /// <summary>A fresh instance of activity <typeparamref name="T"/>, as the worker makes one per execution.</summary>
    public T Activity<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
