namespace Outreach.Functions.Providers.Common;

/// <summary>Thrown by a guarded connection when a host resolves only to addresses the app may not connect to.</summary>
public sealed class UnsafeAddressException(string message) : IOException(message);
