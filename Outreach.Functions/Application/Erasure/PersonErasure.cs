using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application.Suppressions;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Application.Erasure;

/// <summary>What an erasure removed.</summary>
public sealed record ErasureReport(
    string Email, int ProspectsErased, IReadOnlyList<Guid> Batches, int RejectedRowsRemoved, int CompanyProfilesRemoved,
    IReadOnlyList<string> BlobsRewritten, bool Suppressed);

/// <summary>
/// The right to erasure: a person is removed from everywhere this app stored them — their prospects (enrichment,
/// analysis and email rows with them; each batch counts them as erased, <see cref="StatusTransitions.EraseProspectsAsync"/>),
/// the rejected-row copies in <c>csv_uploads</c>, cached company data that names them, the uploaded files and the
/// wizard's drafts (rewritten without their lines), and the results files (written again) — and then suppressed
/// (MANUAL, "erasure"), the one record kept, so no later file brings them back. Refused while one of their batches runs.
/// Running it again removes whatever is left and changes nothing else.
/// </summary>
public sealed partial class PersonErasure(
    IDbContextFactory<OutreachDbContext> contexts,
    BlobServiceClient blobs,
    ResultsWriter results,
    SuppressionList suppressions,
    TimeProvider clock,
    ILogger<PersonErasure> logger)
{
    private static readonly string[] RewrittenContainers = [BlobUploadProcessor.UploadsContainer, UploadIntake.DraftsContainer];

    /// <summary>Erases the person with address <paramref name="email"/>.</summary>
    public async Task<ErasureReport> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var address = Suppression.Normalize(email);
        if (address.StartsWith('@'))
        {
            throw new DomainValidationException("An erasure is for one person: give their email address, not a domain.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await (from p in db.Prospects
                             join b in db.Batches on p.BatchId equals b.Id
                             where p.EmailNormalized == address && !BatchOutcome.FinalStatuses.Contains(b.Status)
                             select b.Id).Distinct().ToListAsync(cancellationToken);
        if (running.Count > 0)
        {
            throw new DomainConflictException($"{address} is in batch {string.Join(", ", running)}, which is still running; wait for it to finish or cancel it, then erase.");
        }

        var names = await db.Prospects.Where(p => p.EmailNormalized == address && p.Name != null).Select(p => p.Name!).Distinct().ToListAsync(cancellationToken);

        IReadOnlyList<Guid> batches;
        int erased, rejectedRemoved, profilesRemoved;
        var affectedBatches = new HashSet<Guid>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            (batches, erased) = await StatusTransitions.EraseProspectsAsync(connection, address, cancellationToken);
            affectedBatches.UnionWith(batches);
            (rejectedRemoved, var uploadBatches) = await RemoveRejectedRowsAsync(connection, address, cancellationToken);
            affectedBatches.UnionWith(uploadBatches);
            profilesRemoved = await RemoveCompanyProfilesAsync(connection, address, names, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var rewritten = new List<string>();
        foreach (var container in RewrittenContainers)
        {
            rewritten.AddRange(await RewriteFilesAsync(container, address, cancellationToken));
        }

        rewritten.AddRange(await RewriteResultsAsync(db, address, affectedBatches, cancellationToken));
        await suppressions.AddAsync(new SuppressionRequest(address, "MANUAL", "erasure", "erasure"), cancellationToken);
        LogErased(erased, batches.Count, rejectedRemoved, profilesRemoved, rewritten.Count);
        return new ErasureReport(address, erased, [.. affectedBatches], rejectedRemoved, profilesRemoved, rewritten, Suppressed: true);
    }

    // The rejected rows that hold the address (in their raw text or their reason) leave every upload's list, which then
    // counts as many fewer; returns how many, and the batches whose rejected.csv must be written again.
    private static async Task<(int Removed, IReadOnlyList<Guid> Batches)> RemoveRejectedRowsAsync(NpgsqlConnection connection, string address, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH hit AS (
                SELECT u.id, u.batch_id,
                       COALESCE((SELECT jsonb_agg(r ORDER BY ord) FROM jsonb_array_elements(u.rejected_rows) WITH ORDINALITY AS e(r, ord)
                                 WHERE strpos(lower(r::text), @address) = 0), '[]'::jsonb) AS kept,
                       jsonb_array_length(u.rejected_rows) AS before
                FROM csv_uploads u
                WHERE strpos(lower(u.rejected_rows::text), @address) > 0
                FOR UPDATE)
            UPDATE csv_uploads u SET rejected_rows = hit.kept,
                                     rows_rejected = u.rows_rejected - (hit.before - jsonb_array_length(hit.kept)),
                                     rows_total = u.rows_total - (hit.before - jsonb_array_length(hit.kept)),
                                     updated_at = now()
            FROM hit WHERE u.id = hit.id
            RETURNING hit.batch_id, (hit.before - jsonb_array_length(hit.kept))::int
            """,
            connection);
        command.Parameters.AddWithValue("address", address);
        var removed = 0;
        var batches = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                batches.Add(reader.GetGuid(0));
            }

            removed += reader.GetInt32(1);
        }

        return (removed, batches);
    }

    // A company's cached research that names the person (their address, or their full name) is dropped: it is a cache,
    // and the next prospect of that company fetches it again.
    private static async Task<int> RemoveCompanyProfilesAsync(NpgsqlConnection connection, string address, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM company_profiles c
            WHERE EXISTS (SELECT 1 FROM unnest(@needles) AS n(needle)
                          WHERE strpos(lower(concat_ws(' ', c.website, c.company_summary, c.tech_stack::text, c.sources::text)), n.needle) > 0)
            """,
            connection);
        command.Parameters.AddWithValue("needles", names.Where(n => n.Trim().Length >= 5).Select(n => n.Trim().ToLowerInvariant()).Append(address).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Every stored file of the container that holds the address is written again without those lines; an upload is
    // marked so that the importer does not take the new version for a new file.
    private async Task<IReadOnlyList<string>> RewriteFilesAsync(string containerName, string address, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(containerName);
        var rewritten = new List<string>();
        if (!await container.ExistsAsync(cancellationToken))
        {
            return rewritten;
        }

        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            var blob = container.GetBlobClient(item.Name);
            var temp = Path.GetTempFileName();
            try
            {
                int dropped;
                await using (var target = File.Create(temp))
                await using (var source = await blob.OpenReadAsync(cancellationToken: cancellationToken))
                {
                    dropped = await LineEraser.CopyWithoutAsync(source, target, address, cancellationToken);
                }

                if (dropped == 0)
                {
                    continue;
                }

                await using (var kept = File.OpenRead(temp))
                {
                    var metadata = new Dictionary<string, string>(item.Metadata ?? new Dictionary<string, string>()) { [BlobUploadProcessor.ErasureMetadata] = clock.GetUtcNow().ToString("O") };
                    await blob.UploadAsync(kept, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" }, Metadata = metadata }, cancellationToken);
                }

                rewritten.Add($"{containerName}/{item.Name}");
            }
            finally
            {
                File.Delete(temp);
            }
        }

        return rewritten;
    }

    // The results of every batch that lost a row, and of any batch whose stored results still name the person, are
    // written again from the database; results of a batch that no longer exists are deleted.
    private async Task<IReadOnlyList<string>> RewriteResultsAsync(OutreachDbContext db, string address, HashSet<Guid> affected, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ResultsWriter.ResultsContainer);
        if (!await container.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var needle = Encoding.UTF8.GetBytes(address);
        var naming = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = (await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content;
            if (LineEraser.Contains(content.ToMemory().Span, needle) || (Guid.TryParse(item.Name.Split('/')[0], out var id) && affected.Contains(id)))
            {
                naming.Add(item.Name);
            }
        }

        var rewritten = new List<string>();
        foreach (var batch in naming.Select(n => n.Split('/')[0]).Distinct(StringComparer.Ordinal))
        {
            if (Guid.TryParse(batch, out var batchId) && await db.Batches.AnyAsync(b => b.Id == batchId, cancellationToken))
            {
                await results.WriteAsync(batchId, cancellationToken);
                rewritten.AddRange(naming.Where(n => n.StartsWith($"{batch}/", StringComparison.Ordinal)).Select(n => $"{ResultsWriter.ResultsContainer}/{n}"));
            }
            else
            {
                foreach (var name in naming.Where(n => n.StartsWith($"{batch}/", StringComparison.Ordinal)))
                {
                    await container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
                    rewritten.Add($"{ResultsWriter.ResultsContainer}/{name}");
                }
            }
        }

        return rewritten;
    }

    [LoggerMessage(LogLevel.Information, "Erasure: {Prospects} prospects in {Batches} batches, {Rejected} rejected rows, {Profiles} company profiles, {Blobs} files rewritten")]
    private partial void LogErased(int prospects, int batches, int rejected, int profiles, int blobs);
}
