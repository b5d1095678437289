using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>
/// The read side of a batch in plain SQL on the process's data source: no EF model, no query compilation, so a
/// short process (an <c>outreach</c> read verb) pays for its one round trip and nothing else, and a warm one (the
/// status poll, the API's most frequent call) reads columns straight off the wire. Writes stay on EF Core. Enum
/// columns travel as their labels (<see cref="EnumLabels"/>, the labels <see cref="OutreachDatabase.EnumTypes"/> maps),
/// so the reads run on a data source with or without the enum mappings; jsonb is read through <see cref="OutreachJson"/>:
/// the same mapping EF uses, owned in one place.
/// </summary>
public sealed class BatchReads(NpgsqlDataSource dataSource)
{
    // "The latest job of a batch" is BatchLookups.NewestFirstOf: the newest job that is not a push. This is its
    // SQL form, for reads that never build an EF query; a test holds the two to the same answer.
    private const string LatestJob =
        "SELECT j.id, j.job_type, j.status, j.progress_current, j.progress_total, j.instance_id FROM processing_jobs j " +
        "WHERE j.batch_id = @batch AND j.job_type <> @push ORDER BY j.created_at DESC, j.id DESC LIMIT 1";

    private const string Status =
        "SELECT b.id, b.campaign_id, b.name, b.status::text, b.total_prospects, b.enriched_prospects, b.generated_emails, b.failed_prospects, " +
        "b.skipped_prospects, b.erased_prospects, b.prompt_tokens, b.completion_tokens, b.instance_id, b.error_message, b.started_at, b.completed_at, " +
        "j.id, j.job_type::text, j.status::text, j.progress_current, j.progress_total, j.instance_id, w.current_step::text, w.status::text " +
        "FROM batches b " +
        "LEFT JOIN (" + LatestJob + ") j ON true " +
        "LEFT JOIN (SELECT w.current_step, w.status FROM workflow_sessions w WHERE w.batch_id = @batch LIMIT 1) w ON true " +
        "WHERE b.id = @batch";

    /// <summary>The batch with its latest pipeline job and workflow session, in one round trip; null when there is none.</summary>
    public async Task<BatchStatusRow?> StatusAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Status);
        command.Parameters.AddWithValue("batch", batchId);
        command.Parameters.AddLabel("push", JobType.Push);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new BatchStatusRow(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetString(2),
            reader.Label<BatchStatus>(3),
            reader.GetInt32(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            reader.GetInt32(7),
            reader.GetInt32(8),
            reader.GetInt32(9),
            reader.GetInt64(10),
            reader.GetInt64(11),
            reader.GetString(12),
            reader.Nullable<string>(13),
            reader.NullableValue<DateTimeOffset>(14),
            reader.NullableValue<DateTimeOffset>(15),
            reader.IsDBNull(16) ? null : new LatestJobRow(
                reader.GetGuid(16), reader.Label<JobType>(17), reader.Label<JobStatus>(18), reader.GetInt32(19), reader.GetInt32(20), reader.Nullable<string>(21)),
            reader.IsDBNull(22) ? null : new SessionStepRow(reader.Label<WorkflowStep>(22), reader.Label<WorkflowStatus>(23)));
    }

    /// <summary>
    /// Batches newest first, optionally of one campaign and one status, with their campaign's name: the page after
    /// <paramref name="skip"/> rows, and how many match in all (one round trip).
    /// </summary>
    public Task<(IReadOnlyList<BatchListRow> Rows, long Total)> ListAsync(Guid? campaignId, BatchStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var where = "WHERE true" + (campaignId is null ? string.Empty : " AND b.campaign_id = @campaign") + (status is null ? string.Empty : " AND b.status = @status");
        return PagedRead.ReadAsync(
            dataSource,
            $"SELECT count(*) FROM batches b {where}",
            "SELECT b.id, b.campaign_id, c.name, b.name, b.status::text, b.total_prospects, b.generated_emails, b.failed_prospects, b.skipped_prospects, " +
            $"b.created_at, b.completed_at FROM batches b JOIN campaigns c ON c.id = b.campaign_id {where} " +
            "ORDER BY b.created_at DESC, b.id DESC OFFSET @skip LIMIT @take",
            parameters =>
            {
                if (campaignId is { } campaign)
                {
                    parameters.AddWithValue("campaign", campaign);
                }

                if (status is { } wanted)
                {
                    parameters.AddLabel("status", wanted);
                }
            },
            skip,
            take,
            reader => new BatchListRow(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.Label<BatchStatus>(4),
                reader.GetInt32(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetInt32(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.NullableValue<DateTimeOffset>(10)),
            cancellationToken);
    }

    /// <summary>The batch's failed prospects' error messages with how many carry each (read by the (batch_id, status) index).</summary>
    public async Task<IReadOnlyList<(string? Message, int Count)>> FailureMessagesAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT error_message, count(*)::int FROM prospects WHERE batch_id = @batch AND status = @failed GROUP BY error_message");
        command.Parameters.AddWithValue("batch", batchId);
        command.Parameters.AddLabel("failed", ProspectStatus.Failed);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<(string?, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add((reader.Nullable<string>(0), reader.GetInt32(1)));
        }

        return messages;
    }

    /// <summary>The CSV rows of the batch's upload that were rejected (line, reason, raw), in line order; empty when it has no upload.</summary>
    public async Task<List<RejectedRow>> RejectedRowsAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT u.rejected_rows FROM batches b JOIN csv_uploads u ON u.id = b.upload_id WHERE b.id = @batch");
        command.Parameters.AddWithValue("batch", batchId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? OutreachJson.Deserialize<List<RejectedRow>>(json) : [];
    }

    /// <summary>The orchestration instance of the batch's latest job, or null before its first run.</summary>
    public async Task<string?> LatestInstanceIdAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT j.instance_id FROM ({LatestJob}) j");
        command.Parameters.AddLabel("push", JobType.Push);
        command.Parameters.AddWithValue("batch", batchId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The processing job, or null.</summary>
    public Task<JobRow?> JobAsync(Guid jobId, CancellationToken cancellationToken) => SingleRead.ReadAsync(
        dataSource,
        "SELECT id, batch_id, campaign_id, job_type::text, status::text, progress_current, progress_total, instance_id, error_message, created_at, started_at, completed_at " +
        "FROM processing_jobs WHERE id = @id",
        jobId,
        reader => new JobRow(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetGuid(2),
            reader.Label<JobType>(3),
            reader.Label<JobStatus>(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            reader.Nullable<string>(7),
            reader.Nullable<string>(8),
            reader.GetFieldValue<DateTimeOffset>(9),
            reader.NullableValue<DateTimeOffset>(10),
            reader.NullableValue<DateTimeOffset>(11)),
        cancellationToken);
}
