using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>
/// The prospects accepted from one upload, processed by one orchestration (instance id <c>batch-{id}</c>).
/// Counters are stored, not recounted per query; the pipeline changes them only inside the guarded
/// prospect transition that earns them.
/// </summary>
public sealed class Batch : Entity
{
    /// <summary>Prefix of the orchestration instance id.</summary>
    public const string InstanceIdPrefix = "batch-";

    private Batch()
    {
    }

    /// <summary>Creates a batch in UPLOADED.</summary>
    public Batch(Guid campaignId, Guid? uploadId, string name, int totalProspects, DateTimeOffset now)
        : base(now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalProspects);
        CampaignId = campaignId;
        UploadId = uploadId;
        Name = Guard.Required(name, nameof(name), 300);
        TotalProspects = totalProspects;
        Status = BatchStatus.Uploaded;
        InstanceId = InstanceIdFor(Id);
    }

    public Guid CampaignId { get; private set; }

    public Guid? UploadId { get; private set; }

    public string Name { get; private set; } = null!;

    public BatchStatus Status { get; private set; }

    public int TotalProspects { get; private set; }

    public int EnrichedProspects { get; private set; }

    public int GeneratedEmails { get; private set; }

    public int FailedProspects { get; private set; }

    /// <summary>Prospects the campaign's verification setting excluded (not failures).</summary>
    public int SkippedProspects { get; private set; }

    /// <summary>Provider calls made for this batch so far, counted against <c>Providers__MaxCallsPerBatch</c> (changed only by the budget's guarded increment).</summary>
    public int ProviderCalls { get; private set; }

    /// <summary>
    /// Prospects removed by an erasure request (right to erasure): they are taken off the total and the counter of the
    /// state they were in, and counted here, so the batch's numbers still add up and say why some went.
    /// </summary>
    public int ErasedProspects { get; private set; }

    /// <summary>Model input tokens of the batch's analyses and emails (every attempt), kept by the pipeline's stores so a batch's cost reads without its prospects.</summary>
    public long PromptTokens { get; private set; }

    /// <summary>Model output tokens of the batch's analyses and emails.</summary>
    public long CompletionTokens { get; private set; }

    public string InstanceId { get; private set; } = null!;

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? GenerationStartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The orchestration instance id of batch <paramref name="batchId"/>.</summary>
    public static string InstanceIdFor(Guid batchId) => InstanceIdPrefix + batchId.ToString("D");

    /// <summary>Fan-in: sets the final status from the stored counters by <see cref="BatchOutcome.FinalStatus"/>.</summary>
    public BatchStatus Finish(DateTimeOffset now)
    {
        var final = BatchOutcome.FinalStatus(TotalProspects, GeneratedEmails, FailedProspects, SkippedProspects);

        // UPLOADED → FAILED is legal for Fail (the batch could not start), but a fan-in needs a run to fan in from.
        if (Status == BatchStatus.Uploaded)
        {
            throw new InvalidStatusTransitionException(Rules.Batch.Entity, Status, final);
        }

        MoveTo(final, now);
        ErrorMessage = final == BatchStatus.Failed && TotalProspects == 0 ? "The batch has no prospects." : null;
        CompletedAt = UpdatedAt;
        return final;
    }

    /// <summary>
    /// A user cancelled the batch: it ends now with the fan-in rule over what finished (unfinished prospects
    /// count as not completed), and the reason says how far it got.
    /// </summary>
    public BatchStatus Cancel(DateTimeOffset now)
    {
        var final = BatchOutcome.FinalStatus(TotalProspects, GeneratedEmails, FailedProspects, SkippedProspects);
        MoveTo(final, now);
        ErrorMessage = $"Cancelled by a user after {GeneratedEmails + FailedProspects} of {TotalProspects} prospects.";
        CompletedAt = UpdatedAt;
        return final;
    }

    /// <summary>The batch itself failed (not its prospects).</summary>
    public void Fail(string reason, DateTimeOffset now)
    {
        MoveTo(BatchStatus.Failed, now);
        ErrorMessage = Guard.Reason(reason);
        CompletedAt = UpdatedAt;
    }

    /// <summary>A retry re-opens a PARTIAL or FAILED batch at the step the retry job begins with.</summary>
    public void Reopen(JobType jobType, DateTimeOffset now)
    {
        MoveTo(jobType == JobType.Generation ? BatchStatus.Generating : BatchStatus.Enriching, now);
        ErrorMessage = null;
        CompletedAt = null;
    }

    private void MoveTo(BatchStatus next, DateTimeOffset now)
    {
        Rules.Batch.EnsureCanMove(Status, next);
        Status = next;
        Touch(now);
    }
}
