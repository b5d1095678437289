namespace Outreach.Domain.Entities;

/// <summary>A CSV row that was not imported: where it was, why, and the row as it was read.</summary>
/// <param name="Line">1-based physical line number of the record's first line in the file.</param>
/// <param name="Reason">Why the row was rejected.</param>
/// <param name="Raw">The raw record text.</param>
public sealed record RejectedRow(int Line, string Reason, string Raw);
