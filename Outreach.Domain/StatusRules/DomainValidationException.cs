namespace Outreach.Domain.StatusRules;

/// <summary>Thrown when values given to an entity break its rules (missing name, unknown flag, …).</summary>
public sealed class DomainValidationException(string message) : ArgumentException(message);
