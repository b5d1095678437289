using Outreach.Domain.Enums;

namespace Outreach.Data.Ingestion;

/// <summary>What became of an upload.</summary>
/// <param name="UploadId">The csv_uploads row.</param>
/// <param name="Status">IMPORTED or FAILED.</param>
/// <param name="BatchId">The batch, when rows were imported.</param>
/// <param name="BatchStatus">The batch's status now (a redelivery may find it already running).</param>
/// <param name="AlreadyIngested">True when this blob version or this content was received before: nothing new was written.</param>
/// <param name="RowsAccepted">Prospects created.</param>
/// <param name="RowsRejected">Rows rejected (kept with line and reason).</param>
/// <param name="ErrorMessage">Why the whole file failed.</param>
/// <param name="Notes">What the importer skipped or corrected (a preamble, a report footer, an encoding); none when null.</param>
public sealed record IngestionResult(
    Guid UploadId, UploadStatus Status, Guid? BatchId, BatchStatus? BatchStatus, bool AlreadyIngested, int RowsAccepted, int RowsRejected, string? ErrorMessage,
    IReadOnlyList<string>? Notes = null);
