using System.ComponentModel.DataAnnotations;

namespace Outreach.Domain.Import;

/// <summary>Limits of the CSV importer (<c>Import__MaxFileBytes</c>, <c>Import__MaxRows</c>, <c>Import__MaxFieldChars</c>).</summary>
public sealed class ImportOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Import";

    /// <summary>Largest accepted file, in bytes (default 512 MiB: a million rows of a wide CRM export).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most data rows in one file (default 1,000,000; the import streams, so memory does not grow with it).</summary>
    [Range(1, 10_000_000)]
    public int MaxRows { get; set; } = 1_000_000;

    /// <summary>Longest field, in characters (default 4,000); a longer field rejects its row.</summary>
    [Range(16, 1_000_000)]
    public int MaxFieldChars { get; set; } = 4_000;
}
