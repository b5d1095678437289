using System.Data.Common;
using Npgsql;
using Outreach.Data.Persistence;

namespace Outreach.Data.Reads;

/// <summary>
/// The read side of campaigns and services in plain SQL (see <see cref="BatchReads"/> for why). A creation or a revision
/// writes through EF Core and answers by reading the campaign back here, so a campaign's view is built from
/// <see cref="CampaignRow"/> alone.
/// </summary>
public sealed class CatalogReads(NpgsqlDataSource dataSource)
{
    private const string CampaignColumns =
        "SELECT id, name, email_subject, prompt, enrichment_flags, required_enrichment, service_id, dedupe_scope::text, max_subject_chars, max_body_words, created_at, " +
        "email_body, sender_name, sender_title, sender_company, min_body_words, verification::text, footer, unsubscribe FROM campaigns ";

    private const string ServiceColumns = "SELECT id, name, description, value_proposition, target_industries, created_at FROM services ";

    /// <summary>A page of campaigns, newest first, and how many there are.</summary>
    public Task<(IReadOnlyList<CampaignRow> Rows, long Total)> CampaignsAsync(int skip, int take, CancellationToken cancellationToken) =>
        PagedRead.ReadAsync(dataSource, "SELECT count(*) FROM campaigns", CampaignColumns + "ORDER BY created_at DESC, id OFFSET @skip LIMIT @take", _ => { }, skip, take, ReadCampaign, cancellationToken);

    /// <summary>The campaign, or null.</summary>
    public Task<CampaignRow?> CampaignAsync(Guid id, CancellationToken cancellationToken) =>
        SingleRead.ReadAsync(dataSource, CampaignColumns + "WHERE id = @id", id, ReadCampaign, cancellationToken);

    /// <summary>
    /// The id of the campaign <paramref name="reference"/> names — its id, its exact name, or its name in another case — or
    /// null. This is <see cref="CampaignLookups.FindByReferenceAsync"/> in SQL, for reads that build no EF query; a test
    /// holds the two to the same answer.
    /// </summary>
    public async Task<Guid?> CampaignIdAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var trimmed = reference.Trim();
        await using var command = dataSource.CreateCommand();
        if (Guid.TryParse(trimmed, out var id))
        {
            command.CommandText = "SELECT id FROM campaigns WHERE id = @id";
            command.Parameters.AddWithValue("id", id);
        }
        else
        {
            // The exact name first, then any case: the same order the EF lookup tries them in.
            command.CommandText = @"SELECT id FROM campaigns WHERE name = @name OR name ILIKE @pattern ESCAPE '\' ORDER BY name = @name DESC, name LIMIT 1";
            command.Parameters.AddWithValue("name", trimmed);
            command.Parameters.AddWithValue("pattern", CampaignLookups.LikeLiteral(trimmed));
        }

        return await command.ExecuteScalarAsync(cancellationToken) is Guid found ? found : null;
    }

    /// <summary>Every campaign's name: what an unknown name is compared with.</summary>
    public async Task<IReadOnlyList<string>> CampaignNamesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name FROM campaigns");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>A page of services, newest first, and how many there are.</summary>
    public Task<(IReadOnlyList<ServiceRow> Rows, long Total)> ServicesAsync(int skip, int take, CancellationToken cancellationToken) =>
        PagedRead.ReadAsync(dataSource, "SELECT count(*) FROM services", ServiceColumns + "ORDER BY created_at DESC, id OFFSET @skip LIMIT @take", _ => { }, skip, take, ReadService, cancellationToken);

    /// <summary>The service, or null.</summary>
    public Task<ServiceRow?> ServiceAsync(Guid id, CancellationToken cancellationToken) =>
        SingleRead.ReadAsync(dataSource, ServiceColumns + "WHERE id = @id", id, ReadService, cancellationToken);

    private static CampaignRow ReadCampaign(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        OutreachJson.Deserialize<List<string>>(reader.GetString(4)),
        OutreachJson.Deserialize<List<string>>(reader.GetString(5)),
        reader.GetGuid(6),
        reader.Label<Domain.Enums.DedupeScope>(7),
        reader.GetInt32(8),
        reader.GetInt32(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.Nullable<string>(11),
        reader.Nullable<string>(12),
        reader.Nullable<string>(13),
        reader.Nullable<string>(14),
        reader.GetInt32(15),
        reader.Label<Domain.Enums.VerificationPolicy>(16),
        reader.Nullable<string>(17),
        reader.Nullable<string>(18));

    private static ServiceRow ReadService(DbDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        OutreachJson.Deserialize<List<string>>(reader.GetString(4)),
        reader.GetFieldValue<DateTimeOffset>(5));
}
