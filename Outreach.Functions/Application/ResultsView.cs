namespace Outreach.Functions.Application;

/// <summary>Where the results are, once the batch is final.</summary>
public sealed record ResultsView(string EmailsCsv, string RejectedCsv);
