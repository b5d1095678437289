namespace Outreach.Functions.Contracts;

/// <summary>The batch spent its provider-call budget (<c>Providers__MaxCallsPerBatch</c>); the prospect fails even if the source was optional.</summary>
public sealed class BudgetExceededException(string message) : PermanentProspectException(message);
