using Npgsql;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Data.Persistence;

/// <summary>The batch counter a prospect's move bumps.</summary>
public enum ProspectCounter
{
    /// <summary>No counter.</summary>
    None,

    /// <summary>batches.enriched_prospects.</summary>
    Enriched,

    /// <summary>batches.generated_emails and the job's progress.</summary>
    Generated,

    /// <summary>batches.failed_prospects and the job's progress.</summary>
    Failed,

    /// <summary>batches.skipped_prospects and the job's progress.</summary>
    Skipped,
}

/// <summary>
/// The one implementation of every status move the app makes in the database: each is a single guarded, set-based
/// statement that changes a row only from the statuses <see cref="Rules"/> allow, so a move that runs twice (Durable
/// delivers at least once) changes nothing the second time. Statuses travel as parameters; no SQL here or elsewhere
/// spells a status label. A move the rules forbid is a programming error and throws before any SQL runs. Times are
/// stored in UTC whatever offset they come with (Npgsql writes only UTC to timestamptz).
/// </summary>
public static class StatusTransitions
{
    /// <summary>
    /// Moves a prospect to <paramref name="to"/> from any status the rules allow, only while its job is RUNNING, and
    /// bumps <paramref name="counter"/> (and the job's progress for an outcome) only when the prospect moved. An address
    /// check made for the move (<paramref name="addressCheck"/>) is recorded by the same statement. With
    /// <paramref name="through"/>, the statement makes two moves the rules allow one after the other — from a
    /// predecessor of <paramref name="through"/> to it and on to <paramref name="to"/> — setting both steps' timestamps,
    /// as two statements would.
    /// </summary>
    /// <returns>True when the prospect moved.</returns>
    public static async Task<bool> MoveProspectAsync(
        NpgsqlDataSource dataSource, Guid prospectId, Guid jobId, ProspectStatus to, ProspectCounter counter, string? errorMessage, DateTimeOffset now,
        CancellationToken cancellationToken, AddressVerdict? addressCheck = null, ProspectStatus? through = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var timestamp = TimestampOf(to);
        if (through is { } step)
        {
            Rules.Prospect.EnsureCanMove(step, to);
            timestamp = $"{TimestampOf(step)} = @now, {timestamp}";
        }
        var batchCounter = counter switch
        {
            ProspectCounter.Enriched => "enriched_prospects",
            ProspectCounter.Generated => "generated_emails",
            ProspectCounter.Failed => "failed_prospects",
            ProspectCounter.Skipped => "skipped_prospects",
            _ => null,
        };
        var countsProgress = counter is ProspectCounter.Generated or ProspectCounter.Failed or ProspectCounter.Skipped;

        var recordCheck = addressCheck is null ? string.Empty : ", email_verification = @verification, email_verification_reason = @verificationReason";

        // Column names come from the switches above, never from input. Data-modifying CTEs always run to
        // completion, and they see only the rows `moved` returned: no move, no count.
        var countBatch = batchCounter is null ? string.Empty : $"""
            , counted AS (
                UPDATE batches b SET {batchCounter} = {batchCounter} + 1, updated_at = @now
                FROM moved WHERE b.id = moved.batch_id RETURNING b.id)
            """;
        var countProgress = !countsProgress ? string.Empty : """
            , progressed AS (
                UPDATE processing_jobs j SET progress_current = progress_current + 1, updated_at = @now
                FROM moved WHERE j.id = @job RETURNING j.id)
            """;

        // The job's row is locked first (the same order as cancel), so a cancel waits for moves in flight and
        // every later move sees the job CANCELLED.
        await using var command = dataSource.CreateCommand($"""
            WITH job AS (
                SELECT id FROM processing_jobs WHERE id = @job AND status = @running FOR NO KEY UPDATE),
            moved AS (
                UPDATE prospects p SET status = @to, updated_at = @now, {timestamp} = @now,
                       error_message = CASE WHEN @to = ANY(@withReason) THEN @error ELSE NULL END{recordCheck}
                WHERE p.id = @id AND p.status = ANY(@from) AND EXISTS (SELECT 1 FROM job)
                RETURNING p.batch_id)
            {countBatch}
            {countProgress}
            SELECT count(*) FROM moved
            """);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("withReason", new[] { ProspectStatus.Failed, ProspectStatus.Skipped });
        command.Parameters.AddWithValue("running", JobStatus.Running);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("error", (object?)errorMessage ?? DBNull.Value);
        command.Parameters.AddWithValue("id", prospectId);
        command.Parameters.AddWithValue("from", Rules.Prospect.PredecessorsOf(through ?? to).ToArray());
        command.Parameters.AddWithValue("job", jobId);
        if (addressCheck is not null)
        {
            command.Parameters.AddWithValue("verification", addressCheck.Status);
            command.Parameters.AddWithValue("verificationReason", addressCheck.Reason);
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    /// <summary>The prospect column that records when it reached <paramref name="status"/>.</summary>
    private static string TimestampOf(ProspectStatus status) => status switch
    {
        ProspectStatus.Enriching => "enrichment_started_at",
        ProspectStatus.Enriched => "enriched_at",
        ProspectStatus.Generating => "generation_started_at",
        ProspectStatus.Completed => "completed_at",
        ProspectStatus.Failed => "failed_at",

        // A skipped prospect is finished, without an email; error_message says why.
        ProspectStatus.Skipped => "completed_at",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a pipeline step."),
    };

    /// <summary>
    /// Moves a batch from one of <paramref name="from"/> to <paramref name="to"/>, setting <paramref name="timestamp"/>
    /// (kept when already set) — on <paramref name="connection"/>, inside whatever transaction it has open.
    /// </summary>
    /// <returns>True when the batch moved.</returns>
    public static async Task<bool> MoveBatchAsync(
        NpgsqlConnection connection, Guid batchId, BatchStatus[] from, BatchStatus to, BatchTimestamp timestamp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var column = timestamp switch
        {
            BatchTimestamp.Started => "started_at",
            BatchTimestamp.GenerationStarted => "generation_started_at",
            _ => throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "Not a batch timestamp."),
        };
        await using var command = new NpgsqlCommand(
            $"UPDATE batches SET status = @to, {column} = coalesce({column}, @now), updated_at = @now WHERE id = @id AND status = ANY(@from)", connection);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("from", Allowed(Rules.Batch, from, to));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Re-queues a batch's FAILED prospects for a retry — to ENRICHED when only generation is redone (those whose
    /// enrichment is kept), else to PENDING — and takes them off the batch's counters, so the retry counts each
    /// exactly once more.
    /// </summary>
    /// <returns>How many prospects were re-queued.</returns>
    public static async Task<int> RequeueFailedProspectsAsync(NpgsqlConnection connection, Guid batchId, bool generationOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var to = generationOnly ? ProspectStatus.Enriched : ProspectStatus.Pending;
        await using var command = new NpgsqlCommand(generationOnly
            ? """
              WITH requeued AS (
                  UPDATE prospects SET status = @to, error_message = NULL, failed_at = NULL, updated_at = now()
                  WHERE batch_id = @batch AND status = ANY(@from) AND enriched_at IS NOT NULL
                  RETURNING 1)
              UPDATE batches SET failed_prospects = failed_prospects - (SELECT count(*) FROM requeued), updated_at = now()
              WHERE id = @batch RETURNING (SELECT count(*) FROM requeued)::int
              """
            : """
              WITH failed AS (
                  SELECT id, enriched_at IS NOT NULL AS was_enriched FROM prospects WHERE batch_id = @batch AND status = ANY(@from) FOR UPDATE),
              requeued AS (
                  UPDATE prospects p SET status = @to, error_message = NULL, failed_at = NULL, enriched_at = NULL,
                         enrichment_started_at = NULL, generation_started_at = NULL, updated_at = now()
                  FROM failed WHERE p.id = failed.id RETURNING failed.was_enriched)
              UPDATE batches SET failed_prospects = failed_prospects - (SELECT count(*) FROM requeued),
                                 enriched_prospects = enriched_prospects - (SELECT count(*) FROM requeued WHERE was_enriched),
                                 updated_at = now()
              WHERE id = @batch RETURNING (SELECT count(*) FROM requeued)::int
              """, connection);
        command.Parameters.AddWithValue("batch", batchId);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("from", Allowed(Rules.Prospect, [ProspectStatus.Failed], to));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Re-queues a batch's COMPLETED prospects whose email is not approved to ENRICHED, removing that email, so a
    /// GENERATION job writes it again with the campaign's current settings; the batch's email counter drops by as
    /// many, so the job counts each exactly once more. Approved emails are a person's decision and stay.
    /// </summary>
    /// <param name="connection">The open connection (in the caller's transaction).</param>
    /// <param name="batchId">The batch.</param>
    /// <param name="prospectId">Only this prospect of the batch (one email written again); null for all.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>How many prospects were re-queued.</returns>
    public static async Task<int> RequeueForRegenerationAsync(NpgsqlConnection connection, Guid batchId, Guid? prospectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            """
            WITH target AS (
                SELECT p.id FROM prospects p LEFT JOIN generated_emails e ON e.prospect_id = p.id
                WHERE p.batch_id = @batch AND p.status = ANY(@from) AND p.enriched_at IS NOT NULL
                  AND (e.review_status IS NULL OR e.review_status <> @approved) AND (@prospect::uuid IS NULL OR p.id = @prospect)
                FOR UPDATE OF p),
            dropped AS (
                DELETE FROM generated_emails e USING target WHERE e.prospect_id = target.id RETURNING 1),
            requeued AS (
                UPDATE prospects p SET status = @to, generation_started_at = NULL, completed_at = NULL, updated_at = now()
                FROM target WHERE p.id = target.id RETURNING 1)
            UPDATE batches SET generated_emails = generated_emails - (SELECT count(*) FROM requeued), updated_at = now()
            WHERE id = @batch RETURNING (SELECT count(*) FROM requeued)::int
            """,
            connection);
        command.Parameters.AddWithValue("batch", batchId);
        command.Parameters.AddWithValue("to", ProspectStatus.Enriched);
        command.Parameters.AddWithValue("from", Allowed(Rules.Prospect, [ProspectStatus.Completed], ProspectStatus.Enriched));
        command.Parameters.AddWithValue("approved", ReviewStatus.Approved);
        command.Parameters.Add(new NpgsqlParameter("prospect", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)prospectId ?? DBNull.Value });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The right to erasure, for prospects: deletes every prospect with this normalized address (their enrichment,
    /// analysis and email rows go with them) and, in the same statement, takes each off its batch's total and the
    /// counter of the state it was in, counting it in <c>erased_prospects</c> — so every batch's counters still add up.
    /// </summary>
    /// <returns>The batches that lost a prospect, and how many in all.</returns>
    public static async Task<(IReadOnlyList<Guid> Batches, int Erased)> EraseProspectsAsync(NpgsqlConnection connection, string emailNormalized, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            """
            WITH gone AS (
                DELETE FROM prospects WHERE email_normalized = @email
                RETURNING batch_id, status, enriched_at IS NOT NULL AS was_enriched),
            per_batch AS (
                SELECT batch_id, count(*) AS n, count(*) FILTER (WHERE was_enriched) AS enriched,
                       count(*) FILTER (WHERE status = @completed) AS generated, count(*) FILTER (WHERE status = @failed) AS failed,
                       count(*) FILTER (WHERE status = @skipped) AS skipped
                FROM gone GROUP BY batch_id)
            UPDATE batches b SET total_prospects = total_prospects - x.n, enriched_prospects = enriched_prospects - x.enriched,
                                 generated_emails = generated_emails - x.generated, failed_prospects = failed_prospects - x.failed,
                                 skipped_prospects = skipped_prospects - x.skipped, erased_prospects = erased_prospects + x.n, updated_at = now()
            FROM per_batch x WHERE b.id = x.batch_id
            RETURNING b.id, x.n::int
            """,
            connection);
        command.Parameters.AddWithValue("email", emailNormalized);
        command.Parameters.AddWithValue("completed", ProspectStatus.Completed);
        command.Parameters.AddWithValue("failed", ProspectStatus.Failed);
        command.Parameters.AddWithValue("skipped", ProspectStatus.Skipped);
        var batches = new List<Guid>();
        var erased = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(reader.GetGuid(0));
            erased += reader.GetInt32(1);
        }

        return (batches, erased);
    }

    /// <summary>
    /// Approves, in one statement, every email of the batch that waits for review with nothing flagged (PENDING_REVIEW
    /// and no quality flags): the bulk approval a reviewer does after reading the flagged ones.
    /// </summary>
    /// <returns>How many emails were approved.</returns>
    public static async Task<int> ApproveUnflaggedAsync(NpgsqlConnection connection, Guid batchId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            """
            UPDATE generated_emails e SET review_status = @to, reviewed_at = @now, updated_at = @now
            FROM prospects p
            WHERE p.id = e.prospect_id AND p.batch_id = @batch AND e.generation_status = @completed
              AND e.review_status = ANY(@from) AND e.quality_flags = '[]'::jsonb
            """,
            connection);
        command.Parameters.AddWithValue("batch", batchId);
        command.Parameters.AddWithValue("to", ReviewStatus.Approved);
        command.Parameters.AddWithValue("from", Allowed(Rules.Review, [ReviewStatus.PendingReview], ReviewStatus.Approved));
        command.Parameters.AddWithValue("completed", GenerationStatus.Completed);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary><paramref name="from"/>, after checking every move in it against <paramref name="rules"/>.</summary>
    public static TStatus[] Allowed<TStatus>(StatusMachine<TStatus> rules, TStatus[] from, TStatus to)
        where TStatus : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(from);
        foreach (var status in from)
        {
            rules.EnsureCanMove(status, to);
        }

        return from;
    }
}

/// <summary>The step timestamp a batch move sets.</summary>
public enum BatchTimestamp
{
    /// <summary>batches.started_at.</summary>
    Started,

    /// <summary>batches.generation_started_at.</summary>
    GenerationStarted,
}
