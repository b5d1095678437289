using System.Data.Common;
using Npgsql;
using Outreach.Data.Persistence;

namespace Outreach.Data.Reads;

/// <summary>
/// The read side of the providers' stored settings in plain SQL (see <see cref="BatchReads"/> for why). A change writes
/// through EF Core and answers by reading the row back here, so a provider's view has one mapping.
/// </summary>
public sealed class ProviderReads(NpgsqlDataSource dataSource)
{
    private const string Columns = "SELECT provider, enabled, model, temperature, max_tokens, prompt_templates, secret_setting FROM api_configurations ";

    /// <summary>Every stored row, by provider (stored lower case).</summary>
    public async Task<IReadOnlyDictionary<string, ProviderRow>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Columns);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, ProviderRow>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Read(reader);
            rows[row.Provider] = row;
        }

        return rows;
    }

    /// <summary>The row of <paramref name="provider"/> (lower case, as stored), or null when it has none.</summary>
    public Task<ProviderRow?> GetAsync(string provider, CancellationToken cancellationToken) =>
        SingleRead.ReadAsync(dataSource, Columns + "WHERE provider = @id", provider, Read, cancellationToken);

    private static ProviderRow Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetBoolean(1),
        reader.Nullable<string>(2),
        reader.NullableValue<float>(3),
        reader.NullableValue<int>(4),
        OutreachJson.Deserialize<Dictionary<string, string>>(reader.GetString(5)),
        reader.GetString(6));
}
