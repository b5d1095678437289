using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Orchestrators;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Application;

/// <summary>What a control operation did: accepted, or why not (the HTTP API maps these to 202, 404 and 409).</summary>
public enum ControlOutcome
{
    /// <summary>Done or started.</summary>
    Accepted,
    /// <summary>No such batch.</summary>
    NotFound,
    /// <summary>The batch's state does not allow it; the reason says why.</summary>
    Conflict,
}

/// <summary>The result of a control operation.</summary>
public sealed record ControlResult(ControlOutcome Outcome, string? Reason = null, Guid? JobId = null, string? InstanceId = null);

/// <summary>
/// Pause, resume, cancel and retry of a batch. Pause and resume suspend and resume its orchestration; cancel
/// marks its job CANCELLED — which every activity checks before changing a prospect, so no new prospect work
/// happens — ends the batch and terminates the orchestration; retry re-runs only the FAILED prospects as a new
/// processing job, putting the counters back exactly as if they had never run.
/// </summary>
public sealed class BatchControl(IDbContextFactory<OutreachDbContext> contexts, ResultsWriter results, TimeProvider clock)
{
    /// <summary>Suspends a running batch.</summary>
    public Task<ControlResult> PauseAsync(Guid batchId, DurableTaskClient durable, CancellationToken cancellationToken) =>
        ChangeRunAsync(
            batchId,
            durable,
            (batch, job, runtime) => job is not { Status: JobStatus.Running } || runtime?.RuntimeStatus != OrchestrationRuntimeStatus.Running
                ? $"Only a running batch can be paused; batch {batchId} is {StatusLabel.Of(batch.Status)} and its orchestration is {runtime?.RuntimeStatus.ToString() ?? "not started"}."
                : null,
            (instance, _, ct) => durable.SuspendInstanceAsync(instance, "Paused by a user", ct),
            s => s.Pause(clock.GetUtcNow()),
            s => s.Status == WorkflowStatus.Active,
            cancellationToken);

    /// <summary>
    /// Resumes a paused batch, or starts again a run whose orchestration ended (failed, or terminated by anything but a
    /// cancel) while its job still runs — an outage longer than activities wait, a host killed mid-replay. The new start
    /// keeps the instance id and input and carries on from the database: StartBatch finds its job, finished prospects
    /// are not redone, counters stay exact.
    /// </summary>
    public Task<ControlResult> ResumeAsync(Guid batchId, DurableTaskClient durable, CancellationToken cancellationToken) =>
        ChangeRunAsync(
            batchId,
            durable,
            (batch, job, runtime) => runtime?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended || EndedWhileItsJobRuns(job, runtime)
                ? null
                : $"Only a paused batch, or one whose orchestration ended while its job runs, can be resumed; batch {batchId} is {StatusLabel.Of(batch.Status)}" +
                  $"{(job is null ? "" : $", its job {StatusLabel.Of(job.Status)}")} and its orchestration {runtime?.RuntimeStatus.ToString() ?? "not started"}.",
            (instance, runtime, ct) => runtime!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended
                ? durable.ResumeInstanceAsync(instance, "Resumed by a user", ct)
                : RestartAsync(durable, instance, ct),
            s => s.Resume(clock.GetUtcNow()),
            s => s.Status == WorkflowStatus.Paused,
            cancellationToken);

    // A cancel marks the job CANCELLED before it terminates the orchestration, so a terminated run with a RUNNING job was not cancelled.
    private static bool EndedWhileItsJobRuns(ProcessingJob? job, OrchestrationMetadata? runtime) =>
        job is { Status: JobStatus.Running } && runtime?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    private static async Task RestartAsync(DurableTaskClient durable, string instance, CancellationToken cancellationToken)
    {
        var ended = await durable.GetInstanceAsync(instance, getInputsAndOutputs: true, cancellationToken)
            ?? throw new InvalidOperationException($"Orchestration {instance} disappeared.");
        var input = ended.ReadInputAs<ProcessBatchInput>()
            ?? throw new InvalidOperationException($"Orchestration {instance} has no input to start again with.");

        // Durable overwrites an instance that is no longer running (Failed, Terminated) under the same id.
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(ProcessBatchOrchestrator), input with { Restart = input.Restart + 1 }, new StartOrchestrationOptions(instance), cancellationToken);
    }

    /// <summary>Stops a batch for good: no new prospect work, the batch ends with what finished, results are written.</summary>
    public async Task<ControlResult> CancelAsync(Guid batchId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        string? instance;
        Guid? jobId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Batches.SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
            if (batch is null)
            {
                return new ControlResult(ControlOutcome.NotFound, $"No batch {batchId}.");
            }

            if (BatchOutcome.IsFinal(batch.Status))
            {
                return new ControlResult(ControlOutcome.Conflict, $"Batch {batchId} has already ended ({StatusLabel.Of(batch.Status)}).");
            }

            var now = clock.GetUtcNow();
            var job = await db.ProcessingJobs.LatestOfAsync(batchId, cancellationToken);
            if (job is { Status: JobStatus.Pending or JobStatus.Running })
            {
                // Cancelling the job is what stops the work. Its row lock comes first, as in every prospect move:
                // moves already holding it finish (counters included) before this update, later ones see CANCELLED.
                job.Cancel(now);
                await db.SaveChangesAsync(cancellationToken);
            }

            // Re-read the counters after the job's row lock: nothing moves them any more.
            await db.Entry(batch).ReloadAsync(cancellationToken);
            batch.Cancel(now);
            var session = await db.WorkflowSessions.OfBatchAsync(batchId, cancellationToken);
            if (session is { Status: WorkflowStatus.Active or WorkflowStatus.Paused })
            {
                session.Abandon(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            (instance, jobId) = (job?.InstanceId ?? batch.InstanceId, job?.Id);
        }

        if (await durable.GetInstanceAsync(instance, getInputsAndOutputs: false, cancellationToken) is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending })
        {
            await durable.TerminateInstanceAsync(instance, new TerminateInstanceOptions("Cancelled by a user", Recursive: true), cancellationToken);
        }

        await results.WriteAsync(batchId, cancellationToken);
        return new ControlResult(ControlOutcome.Accepted, JobId: jobId, InstanceId: instance);
    }

    /// <summary>
    /// Re-runs the FAILED prospects of a PARTIAL or FAILED batch as a new job: FULL_PIPELINE and ENRICHMENT from
    /// the start, GENERATION from their kept enrichment (only prospects that were enriched qualify).
    /// </summary>
    public Task<ControlResult> RetryAsync(Guid batchId, JobType jobType, DurableTaskClient durable, CancellationToken cancellationToken) =>
        ReopenAsync(batchId, jobType, regenerate: false, durable, cancellationToken);

    /// <summary>
    /// Writes the emails of an ended batch again with its campaign's current settings, as a GENERATION job: every
    /// prospect whose email is not approved (and every failed one whose enrichment is kept) gets a new email from its
    /// kept enrichment and analysis. Approved emails stay. A CANCELLED batch stays ended.
    /// </summary>
    public Task<ControlResult> RegenerateAsync(Guid batchId, DurableTaskClient durable, CancellationToken cancellationToken) =>
        ReopenAsync(batchId, JobType.Generation, regenerate: true, durable, cancellationToken);

    /// <summary>
    /// Writes one email again (not approved, of an ended batch) from its prospect's kept enrichment, as a GENERATION job
    /// of one: the reviewer's "regenerate" after changing the campaign or on a weak email.
    /// </summary>
    public async Task<ControlResult> RegenerateEmailAsync(Guid emailId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        Guid? batchId, prospectId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var row = await (from e in db.GeneratedEmails.AsNoTracking()
                             join p in db.Prospects.AsNoTracking() on e.ProspectId equals p.Id
                             where e.Id == emailId
                             select new { p.BatchId, p.Id, e.ReviewStatus }).SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return new ControlResult(ControlOutcome.NotFound, $"No email {emailId}.");
            }

            if (row.ReviewStatus == ReviewStatus.Approved)
            {
                return new ControlResult(ControlOutcome.Conflict, $"Email {emailId} is approved; reject it first if it should be written again.");
            }

            (batchId, prospectId) = (row.BatchId, row.Id);
        }

        return await ReopenAsync(batchId.Value, JobType.Generation, regenerate: true, durable, cancellationToken, prospectId);
    }

    private async Task<ControlResult> ReopenAsync(
        Guid batchId, JobType jobType, bool regenerate, DurableTaskClient durable, CancellationToken cancellationToken, Guid? onlyProspect = null)
    {
        ArgumentNullException.ThrowIfNull(durable);
        Guid jobId;
        string instance;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Batches.FromSql($"SELECT * FROM batches WHERE id = {batchId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            if (batch is null)
            {
                return new ControlResult(ControlOutcome.NotFound, $"No batch {batchId}.");
            }

            if (regenerate ? batch.Status is not (BatchStatus.Completed or BatchStatus.Partial or BatchStatus.Failed) : batch.Status is not (BatchStatus.Partial or BatchStatus.Failed))
            {
                return new ControlResult(ControlOutcome.Conflict, regenerate
                    ? $"Only an ended batch (COMPLETED, PARTIAL or FAILED) can have its emails written again; batch {batchId} is {StatusLabel.Of(batch.Status)}."
                    : $"Only a PARTIAL or FAILED batch can be retried; batch {batchId} is {StatusLabel.Of(batch.Status)}.");
            }

            var generationOnly = jobType == JobType.Generation;
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var requeued = (onlyProspect is null ? await StatusTransitions.RequeueFailedProspectsAsync(connection, batchId, generationOnly, cancellationToken) : 0)
                + (regenerate ? await StatusTransitions.RequeueForRegenerationAsync(connection, batchId, onlyProspect, cancellationToken) : 0);
            if (requeued == 0)
            {
                return new ControlResult(ControlOutcome.Conflict, regenerate
                    ? $"Batch {batchId} has no email left to write again: every one is approved, or no prospect was enriched."
                    : generationOnly
                    ? $"Batch {batchId} has no failed prospect with its enrichment kept; retry it as FULL_PIPELINE."
                    : $"Batch {batchId} has no failed prospects to retry.");
            }

            var now = clock.GetUtcNow();
            await db.Entry(batch).ReloadAsync(cancellationToken);
            batch.Reopen(jobType, now);
            var jobs = await db.ProcessingJobs.CountAsync(j => j.BatchId == batchId, cancellationToken);
            var job = new ProcessingJob(batch.CampaignId, batchId, jobType, requeued, now);
            db.ProcessingJobs.Add(job);
            var session = await db.WorkflowSessions.OfBatchAsync(batchId, cancellationToken);
            if (session is { Status: WorkflowStatus.Completed or WorkflowStatus.Error })
            {
                session.Reopen(generationOnly ? WorkflowStep.EmailGeneration : WorkflowStep.BeginEnrichment, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            (jobId, instance) = (job.Id, $"{batch.InstanceId}-retry-{jobs}");
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(ProcessBatchOrchestrator), new ProcessBatchInput(batchId, jobId, jobType), new StartOrchestrationOptions(instance), cancellationToken);
        return new ControlResult(ControlOutcome.Accepted, JobId: jobId, InstanceId: instance);
    }

    /// <summary>
    /// Pause and resume: check the run may change (<paramref name="conflict"/> says why not), change the orchestration
    /// (given its current state), then its workflow session.
    /// </summary>
    private async Task<ControlResult> ChangeRunAsync(
        Guid batchId,
        DurableTaskClient durable,
        Func<Batch, ProcessingJob?, OrchestrationMetadata?, string?> conflict,
        Func<string, OrchestrationMetadata?, CancellationToken, Task> change,
        Action<WorkflowSession> session,
        Func<WorkflowSession, bool> sessionWhen,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (batch, job, instance, runtime) = await LoadRunAsync(db, batchId, durable, cancellationToken);
        if (batch is null)
        {
            return new ControlResult(ControlOutcome.NotFound, $"No batch {batchId}.");
        }

        if (conflict(batch, job, runtime) is { } reason)
        {
            return new ControlResult(ControlOutcome.Conflict, reason);
        }

        await change(instance!, runtime, cancellationToken);
        await UpdateSessionAsync(db, batchId, session, sessionWhen, cancellationToken);
        return new ControlResult(ControlOutcome.Accepted, JobId: job!.Id, InstanceId: instance);
    }

    /// <summary>The batch, its latest job, that job's orchestration instance and the instance's state.</summary>
    private static async Task<(Batch? Batch, ProcessingJob? Job, string? Instance, OrchestrationMetadata? Runtime)> LoadRunAsync(
        OutreachDbContext db, Guid batchId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        var job = batch is null ? null : await db.ProcessingJobs.AsNoTracking().LatestOfAsync(batchId, cancellationToken);
        var instance = job?.InstanceId;
        var runtime = instance is null ? null : await durable.GetInstanceAsync(instance, getInputsAndOutputs: false, cancellationToken);
        return (batch, job, instance, runtime);
    }

    private static async Task UpdateSessionAsync(OutreachDbContext db, Guid batchId, Action<WorkflowSession> change, Func<WorkflowSession, bool> when, CancellationToken cancellationToken)
    {
        var session = await db.WorkflowSessions.OfBatchAsync(batchId, cancellationToken);
        if (session is not null && when(session))
        {
            change(session);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
