using Outreach.Domain.Enums;

namespace Outreach.Functions.Pipeline;

/// <summary>Input of a push orchestration: its job, the batch, the sequencer and the sequencer's campaign id.</summary>
public sealed record PushInput(Guid JobId, Guid BatchId, PushTarget Target, string Campaign)
{
    /// <summary>The orchestration instance of the push job <paramref name="jobId"/>.</summary>
    public static string InstanceIdOf(Guid jobId) => $"push-{jobId:N}";
}
