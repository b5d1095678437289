using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Says at start-up which model will write and why (<c>Providers__Llm=auto</c> picks one), so nobody has to guess
/// from the emails. The choice is made again per call (an api_configurations change applies within seconds); this is
/// only the report. A database that is not reachable yet is reported, never a reason not to start.
/// </summary>
public sealed partial class LlmChoiceLog(IServiceScopeFactory scopes, ILogger<LlmChoiceLog> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var choice = await scope.ServiceProvider.GetRequiredService<LlmSelector>().ChooseAsync(cancellationToken);
            Chosen(logger, choice.Describe());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NotYet(logger, ex.GetType().Name);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Language model: {Choice}")]
    private static partial void Chosen(ILogger logger, string choice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model: not decided at start-up ({Error}); it is chosen again on each call")]
    private static partial void NotYet(ILogger logger, string error);
}
