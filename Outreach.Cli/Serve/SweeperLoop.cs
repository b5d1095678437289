using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;
using Outreach.Functions.Application.Workflow;
using Outreach.Functions.Ingestion;

namespace Outreach.Cli.Serve;

/// <summary>
/// The sweeper of <c>outreach serve</c>, on the schedule of <c>BatchSweeperTrigger</c>: batches whose orchestration never
/// started are started, and wizard sessions left idle are marked ABANDONED.
/// </summary>
internal sealed partial class SweeperLoop(LocalDurableEngine engine, ILogger<SweeperLoop> logger) : BackgroundService
{
    /// <summary>How often it sweeps (the timer trigger's every two minutes).</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await engine.Services.GetRequiredService<BatchSweeper>().SweepAsync(engine.Client, stoppingToken);
                    await engine.Services.GetRequiredService<WorkflowWizard>().AbandonIdleAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(LogLevel.Warning, "The sweep failed; the next one tries again")]
    private partial void LogSweepFailed(Exception exception);
}
