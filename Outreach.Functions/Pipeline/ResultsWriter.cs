using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Domain.Export;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// Writes a batch's results to <c>outreach-results/{batchId}/emails.csv</c> and <c>…/rejected.csv</c>,
/// streaming rows from the database into the blob (UTF-8 with BOM so Excel shows accents). Overwrites, so
/// writing twice gives the same files.
/// </summary>
public sealed class ResultsWriter(BlobServiceClient blobs, IDbContextFactory<OutreachDbContext> contexts, BatchReads reads)
{
    /// <summary>The results container.</summary>
    public const string ResultsContainer = "outreach-results";

    /// <summary>Header of emails.csv.</summary>
    public static IReadOnlyList<string> EmailColumns => ExportLayout.Generic.Columns;

    /// <summary>Header of rejected.csv.</summary>
    public static readonly string[] RejectedColumns = ["line", "reason", "raw"];

    /// <summary>Writes both files; returns their paths (container/blob).</summary>
    public async Task<(string EmailsCsv, string RejectedCsv)> WriteAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ResultsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var emailsName = $"{batchId:D}/emails.csv";
        var rejectedName = $"{batchId:D}/rejected.csv";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        await using (var writer = await OpenAsync(container.GetBlobClient(emailsName), cancellationToken))
        {
            await WriteEmailsAsync(db, batchId, approvedOnly: false, writer, cancellationToken);
        }

        await using (var writer = await OpenAsync(container.GetBlobClient(rejectedName), cancellationToken))
        {
            await writer.WriteAsync(SafeCsv.Row(RejectedColumns));
            foreach (var row in await reads.RejectedRowsAsync(batchId, cancellationToken))
            {
                await writer.WriteAsync(SafeCsv.Row(row.Line.ToString(CultureInfo.InvariantCulture), row.Reason, row.Raw));
            }
        }

        return ($"{ResultsContainer}/{emailsName}", $"{ResultsContainer}/{rejectedName}");
    }

    /// <summary>
    /// Writes the batch's completed emails as CSV in <paramref name="format"/>'s layout (header first, in ordinal order),
    /// streaming rows from the database; shared by the results file, <c>GET /api/batches/{id}/emails.csv</c> and
    /// <c>outreach export</c>. A person suppressed after the import is left out.
    /// </summary>
    public static async Task WriteEmailsAsync(OutreachDbContext db, Guid batchId, bool approvedOnly, TextWriter writer, CancellationToken cancellationToken, ExportFormat format = ExportFormat.Generic)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(writer);
        var layout = ExportLayout.For(format);
        await writer.WriteAsync(SafeCsv.Row([.. layout.Columns]));
        await foreach (var row in EmailRow.Of(db, batchId, approvedOnly).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(SafeCsv.Row(layout.Cells(row)));
        }
    }

    private static async Task<StreamWriter> OpenAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var stream = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }
}
