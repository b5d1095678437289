using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;

namespace Outreach.Cli.Commands;

/// <summary>
/// What a person types for a campaign, batch or email: a whole id, a unique id prefix (like git's, at least 4 hex
/// digits), or — for a campaign — its name in any case, as an upload folder names it. An unknown reference fails at
/// once naming what there is, closest first; an ambiguous prefix names its candidates.
/// </summary>
internal static partial class References
{
    private const int MinimumPrefix = 4;

    /// <summary>The campaign <paramref name="reference"/> names.</summary>
    public static async Task<Campaign> CampaignAsync(IServiceProvider services, string reference, CancellationToken cancellationToken)
    {
        var id = await CampaignIdAsync(services, reference, cancellationToken);
        await using var db = await services.GetRequiredService<IDbContextFactory<OutreachDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The id of the campaign <paramref name="reference"/> names (read in plain SQL: a read verb builds no EF query).</summary>
    public static async Task<Guid> CampaignIdAsync(IServiceProvider services, string reference, CancellationToken cancellationToken)
    {
        var reads = services.GetRequiredService<CatalogReads>();
        if (await reads.CampaignIdAsync(reference, cancellationToken) is { } id)
        {
            return id;
        }

        if (Prefix(reference) is { } prefix && await MatchAsync(services, "campaigns", prefix, "campaign", cancellationToken) is { } match)
        {
            return match;
        }

        var names = await reads.CampaignNamesAsync(cancellationToken);
        var closest = names.OrderBy(n => Distance(n.ToLowerInvariant(), reference.Trim().ToLowerInvariant())).ThenBy(n => n, StringComparer.Ordinal).Take(5).ToList();
        throw new CliException(ExitCodes.BadInput, closest.Count == 0
            ? $"No campaign named '{reference}', and there are none yet: `outreach campaign apply <campaign.json>` creates one (see samples/campaign.json)."
            : $"No campaign named '{reference}'. Campaigns, closest first: {string.Join(", ", closest.Select(n => $"'{n}'"))}.");
    }

    /// <summary>The id of the batch <paramref name="reference"/> names.</summary>
    public static Task<Guid> BatchAsync(IServiceProvider services, string reference, CancellationToken cancellationToken) =>
        IdAsync(services, "batches", "batch", reference, "`outreach batches` lists them", cancellationToken);

    /// <summary>The id of the prospect <paramref name="reference"/> names.</summary>
    public static Task<Guid> ProspectAsync(IServiceProvider services, string reference, CancellationToken cancellationToken) =>
        IdAsync(services, "prospects", "prospect", reference, "`outreach prospects <batch>` lists a batch's prospects", cancellationToken);

    /// <summary>The id of the upload <paramref name="reference"/> names.</summary>
    public static Task<Guid> UploadAsync(IServiceProvider services, string reference, CancellationToken cancellationToken) =>
        IdAsync(services, "csv_uploads", "upload", reference, "the id POST /api/campaigns/{id}/uploads answered", cancellationToken);

    /// <summary>The id of the processing job <paramref name="reference"/> names.</summary>
    public static Task<Guid> JobAsync(IServiceProvider services, string reference, CancellationToken cancellationToken) =>
        IdAsync(services, "processing_jobs", "job", reference, "`outreach status <batch>` shows a batch's latest job", cancellationToken);

    /// <summary>The id of the generated email <paramref name="reference"/> names.</summary>
    public static Task<Guid> EmailAsync(IServiceProvider services, string reference, CancellationToken cancellationToken) =>
        IdAsync(services, "generated_emails", "email", reference, "`outreach emails <batch>` lists a batch's emails", cancellationToken);

    private static async Task<Guid> IdAsync(IServiceProvider services, string table, string what, string reference, string hint, CancellationToken cancellationToken)
    {
        var prefix = Prefix(reference)
            ?? throw new CliException(ExitCodes.BadInput, $"'{reference}' is not a {what} id: give the id, or its first {MinimumPrefix} or more hex digits ({hint}).");
        return await MatchAsync(services, table, prefix, what, cancellationToken)
            ?? throw new CliException(ExitCodes.BadInput, $"No {what} with an id starting '{reference.Trim()}' ({hint}).");
    }

    // The ids in the range the prefix covers, read by the primary key's index: "0193ab" is 0193ab00-… to 0193abff-….
    // Plain SQL on the app's data source, not EF: it is the first read of most verbs, and a short process that builds
    // no EF query skips EF's start-up altogether (docs/decisions/0014).
    private static async Task<Guid?> MatchAsync(IServiceProvider services, string table, string prefix, string what, CancellationToken cancellationToken)
    {
        if (table is not ("campaigns" or "batches" or "prospects" or "csv_uploads" or "processing_jobs" or "generated_emails"))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a table with an id people type.");
        }

        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"SELECT id FROM {table} WHERE id BETWEEN @low AND @high ORDER BY id LIMIT 6");
        command.Parameters.AddWithValue("low", Guid.ParseExact(prefix.PadRight(32, '0'), "N"));
        command.Parameters.AddWithValue("high", Guid.ParseExact(prefix.PadRight(32, 'f'), "N"));
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        return ids.Count switch
        {
            0 => null,
            1 => ids[0],
            _ => throw new CliException(ExitCodes.BadInput, $"'{prefix}' starts more than one {what} id: {string.Join(", ", ids.Take(5))}{(ids.Count > 5 ? ", …" : string.Empty)}. Give more digits."),
        };
    }

    // Hex digits without dashes, lower case; null when the text cannot be an id or a prefix of one.
    private static string? Prefix(string reference)
    {
        var hex = reference.Trim().Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return hex.Length is >= MinimumPrefix and <= 32 && Hex().IsMatch(hex) ? hex : null;
    }

    /// <summary>Levenshtein distance: how many one-character edits turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex Hex();
}
