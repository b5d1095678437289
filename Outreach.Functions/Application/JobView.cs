namespace Outreach.Functions.Application;

/// <summary>The batch's latest processing job.</summary>
public sealed record JobView(Guid Id, string Type, string Status, int ProgressCurrent, int ProgressTotal);
