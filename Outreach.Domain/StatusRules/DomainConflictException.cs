namespace Outreach.Domain.StatusRules;

/// <summary>A request that is well-formed but collides with what exists (a taken name); the API answers 409.</summary>
public sealed class DomainConflictException(string message) : InvalidOperationException(message);
