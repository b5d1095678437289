namespace Outreach.Domain.Import;

/// <summary>The whole file cannot be imported (too large, too many rows, no email column, not text). The message says why.</summary>
public sealed class CsvFileRejectedException(string reason) : Exception(reason)
{
    /// <summary>SHA-256 of the whole file when it could still be read to the end (not when it was over the byte limit).</summary>
    public string? ContentSha256 { get; init; }
}
