namespace Outreach.Functions.Application.Pushes;

/// <summary>One push job of a batch.</summary>
public sealed record PushJobView(Guid JobId, string Status, int ProgressCurrent, int ProgressTotal, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
