using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>One orchestration run over a batch (the first run, or a retry of its failed prospects).</summary>
public sealed class ProcessingJob : Entity
{
    private ProcessingJob()
    {
    }

    /// <summary>Creates a PENDING job over <paramref name="progressTotal"/> prospects.</summary>
    public ProcessingJob(Guid campaignId, Guid batchId, JobType jobType, int progressTotal, DateTimeOffset now)
        : base(now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(progressTotal);
        CampaignId = campaignId;
        BatchId = batchId;
        JobType = jobType;
        ProgressTotal = progressTotal;
        Status = JobStatus.Pending;
    }

    public Guid CampaignId { get; private set; }

    public Guid BatchId { get; private set; }

    public JobType JobType { get; private set; }

    public JobStatus Status { get; private set; }

    public int ProgressCurrent { get; private set; }

    public int ProgressTotal { get; private set; }

    public string? InstanceId { get; private set; }

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>PENDING → RUNNING under orchestration <paramref name="instanceId"/>.</summary>
    public void Start(string instanceId, DateTimeOffset now)
    {
        InstanceId = Guard.Required(instanceId, nameof(instanceId), 200);
        StartedAt = MoveTo(JobStatus.Running, now);
    }

    /// <summary>Records how much of the job is done (a push counts its answered emails; the pipeline counts through the batch's counters).</summary>
    public void ReportProgress(int current, DateTimeOffset now)
    {
        ProgressCurrent = Math.Clamp(current, 0, ProgressTotal);
        Touch(now);
    }

    /// <summary>RUNNING → COMPLETED.</summary>
    public void Complete(DateTimeOffset now) => CompletedAt = MoveTo(JobStatus.Completed, now);

    /// <summary>→ FAILED with the reason.</summary>
    public void Fail(string reason, DateTimeOffset now)
    {
        var message = Guard.Reason(reason);
        CompletedAt = MoveTo(JobStatus.Failed, now);
        ErrorMessage = message;
    }

    /// <summary>→ CANCELLED by a user.</summary>
    public void Cancel(DateTimeOffset now) => CompletedAt = MoveTo(JobStatus.Cancelled, now);

    private DateTimeOffset MoveTo(JobStatus next, DateTimeOffset now)
    {
        Rules.Job.EnsureCanMove(Status, next);
        Status = next;
        return Touch(now);
    }
}
