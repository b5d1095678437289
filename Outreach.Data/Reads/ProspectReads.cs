using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Data.Reads;

/// <summary>The read side of a batch's prospects, in plain SQL (see <see cref="BatchReads"/> for why).</summary>
public sealed class ProspectReads(NpgsqlDataSource dataSource)
{
    /// <summary>Whether the batch exists: what every read over a batch's rows checks first, so an unknown batch is not an empty one.</summary>
    public async Task<bool> BatchExistsAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM batches WHERE id = @batch)");
        command.Parameters.AddWithValue("batch", batchId);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>A page of the batch's prospects in file order, optionally of one status, and how many match (read by the (batch_id, ordinal) and (batch_id, status) indexes).</summary>
    public Task<(IReadOnlyList<ProspectListRow> Rows, long Total)> ListAsync(Guid batchId, ProspectStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var where = "WHERE batch_id = @batch" + (status is null ? string.Empty : " AND status = @status");
        return PagedRead.ReadAsync(
            dataSource,
            $"SELECT count(*) FROM prospects {where}",
            $"SELECT id, ordinal, name, email, company, title, status::text, error_message FROM prospects {where} ORDER BY ordinal OFFSET @skip LIMIT @take",
            parameters =>
            {
                parameters.AddWithValue("batch", batchId);
                if (status is { } wanted)
                {
                    parameters.AddLabel("status", wanted);
                }
            },
            skip,
            take,
            reader => new ProspectListRow(
                reader.GetGuid(0),
                reader.GetInt32(1),
                reader.Nullable<string>(2),
                reader.GetString(3),
                reader.Nullable<string>(4),
                reader.Nullable<string>(5),
                reader.Label<ProspectStatus>(6),
                reader.Nullable<string>(7)),
            cancellationToken);
    }

    /// <summary>The prospect with its enrichment and analysis (each null when there is none), in one round trip; null when there is no such prospect.</summary>
    public Task<ProspectDetailRow?> DetailAsync(Guid prospectId, CancellationToken cancellationToken) => SingleRead.ReadAsync(
        dataSource,
        "SELECT p.id, p.batch_id, p.campaign_id, p.ordinal, p.name, p.email, p.company, p.title, p.linkedin_url, p.website, p.status::text, p.error_message, " +
        "p.additional_data, p.email_verification::text, p.email_verification_reason, " +
        "e.id, e.status::text, e.company_website, e.company_summary, e.linkedin_summary, e.tech_stack, e.enrichment_data, e.error_message, " +
        "a.id, a.personalization_opportunities, a.pain_points, a.market_position, a.suggested_approach, a.executive_summary, a.confidence_score, a.sources, a.model " +
        "FROM prospects p LEFT JOIN prospect_enrichments e ON e.prospect_id = p.id LEFT JOIN prospect_analyses a ON a.prospect_id = p.id WHERE p.id = @id",
        prospectId,
        reader => new ProspectDetailRow(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetGuid(2),
            reader.GetInt32(3),
            reader.Nullable<string>(4),
            reader.GetString(5),
            reader.Nullable<string>(6),
            reader.Nullable<string>(7),
            reader.Nullable<string>(8),
            reader.Nullable<string>(9),
            reader.Label<ProspectStatus>(10),
            reader.Nullable<string>(11),
            OutreachJson.Deserialize<Dictionary<string, string>>(reader.GetString(12)),
            reader.NullableLabel<EmailVerification>(13),
            reader.Nullable<string>(14),
            reader.IsDBNull(15) ? null : new EnrichmentRow(
                reader.Label<EnrichmentStatus>(16),
                reader.Nullable<string>(17),
                reader.Nullable<string>(18),
                reader.Nullable<string>(19),
                OutreachJson.Deserialize<List<TechStackItem>>(reader.GetString(20)),
                OutreachJson.Deserialize<Dictionary<string, SourceResult>>(reader.GetString(21)),
                reader.Nullable<string>(22)),
            reader.IsDBNull(23) ? null : new AnalysisRow(
                OutreachJson.Deserialize<List<string>>(reader.GetString(24)),
                OutreachJson.Deserialize<List<string>>(reader.GetString(25)),
                reader.Nullable<string>(26),
                reader.Nullable<string>(27),
                reader.Nullable<string>(28),
                reader.NullableValue<float>(29),
                OutreachJson.Deserialize<List<string>>(reader.GetString(30)),
                reader.Nullable<string>(31))),
        cancellationToken);
}
