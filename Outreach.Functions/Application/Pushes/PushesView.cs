namespace Outreach.Functions.Application.Pushes;

/// <summary>A batch's pushes: counts per sequencer, its push jobs (newest first), and the emails that did not land (first 100).</summary>
public sealed record PushesView(Guid BatchId, IReadOnlyList<PushTargetView> Targets, IReadOnlyList<PushJobView> Jobs, IReadOnlyList<PushedEmailView> NotPushed);
