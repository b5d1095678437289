namespace Outreach.Functions.Webhooks;

/// <summary>
/// An event to announce: its CloudEvents type, what it is about, and the ids its data is read from when it is
/// recorded (the history carries ids, not the data).
/// </summary>
public sealed record WebhookEvent(string Type, Guid BatchId, Guid JobId, Domain.Enums.PushTarget? Target = null, string? Campaign = null)
{
    /// <summary>A batch's run ended (COMPLETED, PARTIAL or FAILED).</summary>
    public const string BatchFinished = "com.outreach.batch.finished";

    /// <summary>A push to a sequencer ended.</summary>
    public const string PushFinished = "com.outreach.push.finished";

    /// <summary>The CloudEvents subject: the job within its batch (a batch ends once per run).</summary>
    public string Subject => $"batches/{BatchId:D}/jobs/{JobId:D}";
}
