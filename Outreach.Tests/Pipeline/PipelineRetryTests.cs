using Microsoft.DurableTask;
using Moq;
using Outreach.Functions.Contracts;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;

namespace Outreach.Tests.Pipeline;

/// <summary>
/// The retry decisions every activity call gets: provider-transient failures up to MaxAttempts with doubling delays,
/// infrastructure outages (the database or storage away) waited out for <see cref="InfrastructureFaults.Tolerance"/>
/// whatever the attempt count, everything else not retried.
/// </summary>
public sealed class PipelineRetryTests
{
    [Theory]
    [InlineData(typeof(TransientProspectException), 1, true, 5)]
    [InlineData(typeof(TransientProspectException), 2, true, 10)]
    [InlineData(typeof(TransientProspectException), 3, false, 0)]
    [InlineData(typeof(PermanentProspectException), 1, false, 0)]
    [InlineData(typeof(InvalidOperationException), 1, false, 0)]
    public async Task Transient_ForAProviderFailure_RetriesOnlyTransientOnesWithDoublingDelay(Type failure, int attempt, bool retries, int delaySeconds)
    {
        var (decision, timer) = await DecideAsync(PipelineRetry.Transient(maxAttempts: 3, firstRetryDelaySeconds: 5), Details(failure.FullName!, "boom"), attempt, TimeSpan.Zero);

        Assert.Equal(retries, decision);
        Assert.Equal(retries ? TimeSpan.FromSeconds(delaySeconds) : null, timer);
    }

    [Theory]
    [InlineData("Npgsql.NpgsqlException", "Failed to connect to 127.0.0.1:55432", 1, 2)]
    [InlineData("Npgsql.NpgsqlException", "The connection pool has been exhausted", 3, 8)]
    [InlineData("Npgsql.PostgresException", "57P01: terminating connection due to administrator command", 9, 30)]
    [InlineData("Npgsql.PostgresException", "53300: sorry, too many clients already", 1, 2)]
    [InlineData("Npgsql.PostgresException", "40001: could not serialize access due to concurrent update", 1, 2)]
    [InlineData("Npgsql.PostgresException", "40P01: deadlock detected", 1, 2)]
    [InlineData("System.TimeoutException", "Timeout during reading attempt", 1, 2)]
    [InlineData("Azure.RequestFailedException", "Connection refused (127.0.0.1:10000)", 1, 2)]
    [InlineData("Azure.RequestFailedException", "Service request failed.\nStatus: 503 (Service Unavailable)", 1, 2)]
    public async Task Transient_WhenTheInfrastructureIsAway_RetriesPastMaxAttempts(string type, string message, int attempt, int delaySeconds)
    {
        var (decision, timer) = await DecideAsync(PipelineRetry.Transient(maxAttempts: 3, firstRetryDelaySeconds: 5), Details(type, message), attempt, TimeSpan.FromMinutes(1));

        Assert.True(decision);
        Assert.Equal(TimeSpan.FromSeconds(delaySeconds), timer);
    }

    [Theory]
    [InlineData("Npgsql.PostgresException", "23505: duplicate key value violates unique constraint")]
    [InlineData("Npgsql.PostgresException", "42P01: relation \"prospects\" does not exist")]
    [InlineData("Azure.RequestFailedException", "Service request failed.\nStatus: 404 (The specified container does not exist.)")]
    public async Task Outages_WhenTheFailureIsABugNotAnOutage_DoesNotRetry(string type, string message)
    {
        var (decision, timer) = await DecideAsync(PipelineRetry.Outages, Details(type, message), 1, TimeSpan.Zero);

        Assert.False(decision);
        Assert.Null(timer);
    }

    [Fact]
    public async Task Outages_WhenTheOutageIsInsideAWrapper_FindsItInTheChain()
    {
        var wrapped = Details(
            "Microsoft.EntityFrameworkCore.DbUpdateException",
            "An error occurred while saving the entity changes.",
            Details("Npgsql.PostgresException", "57P03: the database system is starting up"));

        var (decision, _) = await DecideAsync(PipelineRetry.Outages, wrapped, 1, TimeSpan.Zero);

        Assert.True(decision);
    }

    [Fact]
    public async Task Outages_WhenTheOutageLastedLongerThanTheTolerance_GivesUp()
    {
        var (decision, timer) = await DecideAsync(PipelineRetry.Outages, Details("Npgsql.NpgsqlException", "Connection refused"), 40, InfrastructureFaults.Tolerance);

        Assert.False(decision);
        Assert.Null(timer);
    }

    [Fact]
    public async Task Outages_ForAProviderFailure_DoesNotRetry()
    {
        var (decision, _) = await DecideAsync(PipelineRetry.Outages, Details(typeof(TransientProspectException).FullName!, "EnrichLayer: 503"), 1, TimeSpan.Zero);

        Assert.False(decision);
    }

    private static async Task<(bool Decision, TimeSpan? Timer)> DecideAsync(TaskOptions options, TaskFailureDetails failure, int attempt, TimeSpan retriedFor)
    {
        TimeSpan? timer = null;
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Strict);
        context.Setup(c => c.CreateTimer(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Callback((TimeSpan delay, CancellationToken _) => timer = delay)
            .Returns(Task.CompletedTask);

        var decision = await options.Retry!.Handler!(new RetryContext(context.Object, attempt, failure, retriedFor, CancellationToken.None));
        return (decision, timer);
    }

    private static TaskFailureDetails Details(string type, string message, TaskFailureDetails? inner = null) => new(type, message, null, inner, null);
}
