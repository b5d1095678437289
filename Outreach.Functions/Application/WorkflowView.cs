namespace Outreach.Functions.Application;

/// <summary>The batch's workflow session.</summary>
public sealed record WorkflowView(string Step, string Status);
