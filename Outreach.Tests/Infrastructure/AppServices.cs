using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Outreach.Functions;

namespace Outreach.Tests.Infrastructure;

/// <summary>The app's real service registrations (AddOutreachFunctions) over a test database and settings.</summary>
internal static class AppServices
{
    /// <param name="database">The test's database.</param>
    /// <param name="settings">Settings over the connection string (later dictionaries win).</param>
    /// <param name="logs">A provider that captures log lines, when the test reads the logs.</param>
    /// <param name="level">The lowest level <paramref name="logs"/> receives.</param>
    /// <param name="configure">Changes over the app's registrations (the last registration of a service wins).</param>
    public static ServiceProvider Build(
        TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, LogLevel level = LogLevel.Trace,
        Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outreach"] = database.ConnectionString,
            ["Verification:DnsServers"] = TestEnvironment.DnsServer,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs).SetMinimumLevel(level);
            }
        });
        services.AddOutreachFunctions();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A Durable client that knows no instance and records what is scheduled.</summary>
    public static Mock<DurableTaskClient> DurableClient()
    {
        var durable = new Mock<DurableTaskClient>(MockBehavior.Strict, "test");
        durable.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
        return durable;
    }
}
