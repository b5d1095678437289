namespace Outreach.Domain.Enums;

/// <summary>State of a received CSV file.</summary>
public enum UploadStatus
{
    /// <summary>Received, being imported.</summary>
    Received,
    /// <summary>Imported into a batch (rows may still have been rejected).</summary>
    Imported,
    /// <summary>The whole file was rejected; see error_message.</summary>
    Failed,
}
