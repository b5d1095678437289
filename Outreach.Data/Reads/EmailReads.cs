using System.Data.Common;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>
/// The read side of generated emails in plain SQL (see <see cref="BatchReads"/> for why): one email, a prospect's
/// email, a batch's emails. A review or an edit writes through EF Core and answers by reading the email back here, so
/// an email's view is built from <see cref="EmailRow"/> alone, whoever asks.
/// </summary>
public sealed class EmailReads(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "SELECT e.id, p.id, p.name, p.email, p.company, e.subject, e.body, e.generation_status::text, e.review_status::text, e.model, e.generated_at, e.reviewed_at, " +
        "e.quality_flags, e.facts_used, e.prompt_tokens, e.completion_tokens, e.review_note, e.original_subject, e.original_body, e.edited_at, p.email_verification::text " +
        "FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id ";

    /// <summary>The email, or null when there is none.</summary>
    public Task<EmailRow?> GetAsync(Guid emailId, CancellationToken cancellationToken) =>
        SingleRead.ReadAsync(dataSource, Columns + "WHERE e.id = @id", emailId, Read, cancellationToken);

    /// <summary>The prospect's email (a prospect has at most one), or null.</summary>
    public Task<EmailRow?> OfProspectAsync(Guid prospectId, CancellationToken cancellationToken) =>
        SingleRead.ReadAsync(dataSource, Columns + "WHERE e.prospect_id = @id", prospectId, Read, cancellationToken);

    /// <summary>
    /// A page of the batch's generated emails (generation completed) in the prospects' file order, optionally of one review
    /// status, and how many match.
    /// </summary>
    public Task<(IReadOnlyList<EmailRow> Rows, long Total)> ListAsync(Guid batchId, ReviewStatus? review, int skip, int take, CancellationToken cancellationToken)
    {
        var where = "WHERE p.batch_id = @batch AND e.generation_status = @completed" + (review is null ? string.Empty : " AND e.review_status = @review");
        return PagedRead.ReadAsync(
            dataSource,
            "SELECT count(*) FROM generated_emails e JOIN prospects p ON p.id = e.prospect_id " + where,
            Columns + where + " ORDER BY p.ordinal OFFSET @skip LIMIT @take",
            parameters =>
            {
                parameters.AddWithValue("batch", batchId);
                parameters.AddLabel("completed", GenerationStatus.Completed);
                if (review is { } wanted)
                {
                    parameters.AddLabel("review", wanted);
                }
            },
            skip,
            take,
            Read,
            cancellationToken);
    }

    private static EmailRow Read(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.Nullable<string>(2),
        reader.GetString(3),
        reader.Nullable<string>(4),
        reader.Nullable<string>(5),
        reader.Nullable<string>(6),
        reader.Label<GenerationStatus>(7),
        reader.Label<ReviewStatus>(8),
        reader.Nullable<string>(9),
        reader.NullableValue<DateTimeOffset>(10),
        reader.NullableValue<DateTimeOffset>(11),
        OutreachJson.Deserialize<List<string>>(reader.GetString(12)),
        OutreachJson.Deserialize<List<EmailFact>>(reader.GetString(13)),
        reader.NullableValue<int>(14),
        reader.NullableValue<int>(15),
        reader.Nullable<string>(16),
        reader.Nullable<string>(17),
        reader.Nullable<string>(18),
        reader.NullableValue<DateTimeOffset>(19),
        reader.NullableLabel<EmailVerification>(20));
}
