namespace Outreach.Domain.Import;

/// <summary>The whole file cannot be imported (too large, too many rows, no email column, not text). The message says why.</summary>
public sealed class CsvFileRejectedException(string reason) : Exception(reason);
