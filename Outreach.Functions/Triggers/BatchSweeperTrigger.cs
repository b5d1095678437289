using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Outreach.Functions.Application.Workflow;
using Outreach.Functions.Ingestion;

namespace Outreach.Functions.Triggers;

/// <summary>
/// Every two minutes, starts batches whose orchestration never started (see <see cref="BatchSweeper"/>) and marks
/// wizard sessions left idle ABANDONED (<see cref="WorkflowWizard.AbandonIdleAsync"/>).
/// </summary>
public sealed class BatchSweeperTrigger(BatchSweeper sweeper, WorkflowWizard wizard)
{
    /// <summary>Runs the sweep.</summary>
    [Function(nameof(BatchSweeperTrigger))]
    public async Task RunAsync([TimerTrigger("0 */2 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        await sweeper.SweepAsync(durable, cancellationToken);
        await wizard.AbandonIdleAsync(cancellationToken);
    }
}
