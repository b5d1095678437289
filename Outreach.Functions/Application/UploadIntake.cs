using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Import;
using Outreach.Functions.Ingestion;

namespace Outreach.Functions.Application;

/// <summary>One rejected row as the API shows it (the raw record stays in the rejected.csv export).</summary>
public sealed record RejectedRowView(int Line, string Reason);

/// <summary>
/// <c>POST /api/campaigns/{id}/uploads</c>: streams the request body into <c>prospect-uploads/{campaignId}/{name}.csv</c>
/// (never buffering it; refused past <c>Import__MaxFileBytes</c>) and records the upload as RECEIVED. The blob
/// trigger then imports it into that same record — an HTTP upload and a dropped file take one code path.
/// </summary>
public sealed partial class UploadIntake(BlobServiceClient blobs, IDbContextFactory<OutreachDbContext> contexts, IOptions<ImportOptions> import, TimeProvider clock)
{
    /// <summary>Where the console wizard keeps a session's file until it begins (<c>{session}/{name}.csv</c>); nothing watches it.</summary>
    public const string DraftsContainer = "prospect-drafts";

    private static readonly HashSet<string> CsvTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/tab-separated-values",
    };

    /// <summary>Stores the body as a new upload of <paramref name="campaignId"/>; returns the upload id.</summary>
    public async Task<Guid> AcceptAsync(Guid campaignId, string? name, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = CsvBody(request);
        var max = import.Value.MaxFileBytes;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
            {
                throw ApiProblemException.NotFound("campaign", campaignId);
            }
        }

        var now = clock.GetUtcNow();
        var fileName = $"{SafeName(name) ?? $"upload-{now:yyyyMMdd-HHmmss}-{Guid.CreateVersion7(now).ToString("N")[^8..]}"}.csv";
        var container = blobs.GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{campaignId:D}/{fileName}");
        BlobContentInfo stored;
        try
        {
            stored = await blob.UploadAsync(body, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, $"An upload named {fileName} already exists for this campaign; choose another name.");
        }
        catch (IOException) when (body.Exceeded)
        {
            throw TooLarge(max);
        }

        if (body.BytesRead == 0)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "The body is empty; send the CSV file as the request body.");
        }

        return await RecordAsync(new CsvUpload(campaignId, container.Name, blob.Name, stored.ETag.ToString(), null, body.BytesRead, now), cancellationToken);
    }

    /// <summary>
    /// The dry run of an upload: the body read as the importer reads it, nothing stored (<see cref="UploadPreview"/>);
    /// the same limits and media types as <see cref="AcceptAsync"/>, and a file no upload could take is a 400 with the reason.
    /// </summary>
    public async Task<UploadPreview> PreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = CsvBody(request);
        try
        {
            return await UploadPreview.ReadAsync(body, import.Value, cancellationToken);
        }
        catch (IOException) when (body.Exceeded)
        {
            throw TooLarge(import.Value.MaxFileBytes);
        }
        catch (CsvFileRejectedException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    /// <summary>
    /// Stores the body as the draft file of the console wizard's session <paramref name="sessionId"/> —
    /// <c>prospect-drafts/{session}/{name}.csv</c>, replacing an earlier draft; no upload is recorded and nothing is
    /// imported until the wizard begins — and reads it back as the importer would. A file no upload could take is a 400
    /// and is not kept.
    /// </summary>
    public async Task<(string BlobName, string FileName, UploadPreview Preview)> StageDraftAsync(Guid sessionId, string? name, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = CsvBody(request);
        var fileName = $"{SafeName(name) ?? "prospects"}.csv";
        var container = blobs.GetBlobContainerClient(DraftsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // One draft a session: the folder is emptied first, so a file chosen again under another name leaves no stray copy.
        await foreach (var old in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{sessionId:D}/" }, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(old.Name, cancellationToken: cancellationToken);
        }

        var blob = container.GetBlobClient($"{sessionId:D}/{fileName}");
        try
        {
            await blob.UploadAsync(body, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } }, cancellationToken);
        }
        catch (IOException) when (body.Exceeded)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw TooLarge(import.Value.MaxFileBytes);
        }

        if (body.BytesRead == 0)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "The file is empty; choose a CSV file with a header row and at least one prospect.");
        }

        try
        {
            return (blob.Name, fileName, await PreviewDraftAsync(blob.Name, cancellationToken));
        }
        catch (ApiProblemException)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw;
        }
    }

    /// <summary>The dry run of a staged draft, read again from its blob; a file no upload could take is a 400.</summary>
    public Task<UploadPreview> PreviewDraftAsync(string blobName, CancellationToken cancellationToken) =>
        ReadDraftAsync(blobName, stream => UploadPreview.ReadAsync(stream, import.Value, cancellationToken), cancellationToken);

    /// <summary>The first rows a staged draft would import, as the importer reads them (for the wizard's template preview).</summary>
    public Task<IReadOnlyList<ImportRow>> DraftRowsAsync(string blobName, int count, CancellationToken cancellationToken) =>
        ReadDraftAsync<IReadOnlyList<ImportRow>>(
            blobName,
            async stream =>
            {
                var rows = new List<ImportRow>();
                await using var reader = await CsvProspectReader.OpenAsync(stream, import.Value, cancellationToken);
                await foreach (var row in reader.ReadRowsAsync(cancellationToken))
                {
                    if (row.IsAccepted)
                    {
                        rows.Add(row);
                        if (rows.Count == count)
                        {
                            break;
                        }
                    }
                }

                return rows;
            },
            cancellationToken);

    // Reads a staged draft: a draft that is gone is a 404, a file no upload could take a 400 with the reason.
    private async Task<T> ReadDraftAsync<T>(string blobName, Func<Stream, Task<T>> read, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(DraftsContainer).GetBlobClient(blobName);
        try
        {
            await using var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
            return await read(stream);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, "The session's file is no longer stored; upload it again.");
        }
        catch (CsvFileRejectedException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    private async Task<Guid> RecordAsync(CsvUpload upload, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.CsvUploads.Add(upload);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return upload.Id;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The blob trigger was faster and recorded this blob version itself.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await fresh.CsvUploads.Where(u => u.Container == upload.Container && u.BlobName == upload.BlobName && u.ETag == upload.ETag)
                .Select(u => u.Id).SingleAsync(cancellationToken);
        }
    }

    // The request's body as a CSV upload: a CSV media type (or none), and no more than Import__MaxFileBytes — refused at
    // once when the length is announced, else when the read passes the limit.
    internal CappedStream CsvBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = import.Value.MaxFileBytes;
        if (request.ContentType is { } type && !CsvTypes.Contains(type.Split(';')[0].Trim()))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, $"Send the CSV as text/csv, not {type}.");
        }

        return request.ContentLength > max ? throw TooLarge(max) : new CappedStream(request.Body, max);
    }

    private static ApiProblemException TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The file is larger than {max:N0} bytes (Import__MaxFileBytes).");

    /// <summary>A blob-safe file name from what the caller asked for, without its extension; null for none.</summary>
    internal static string? SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var stem = Path.GetFileNameWithoutExtension(name.Trim());
        var safe = Unsafe().Replace(stem, "-").Trim('-', '.');
        return safe.Length == 0 ? null : safe.Length > 100 ? safe[..100] : safe;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();

    /// <summary>Passes a stream through, counting, and fails the read once more than the cap has come.</summary>
    internal sealed class CappedStream(Stream inner, long cap) : ReadOnlyStream
    {
        public long BytesRead { get; private set; }

        public bool Exceeded { get; private set; }

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int n)
        {
            BytesRead += n;
            if (BytesRead > cap)
            {
                Exceeded = true;
                throw new IOException($"The body is larger than {cap} bytes.");
            }

            return n;
        }
    }
}
