using Outreach.Data.Reads;

namespace Outreach.Functions.Application.Suppressions;

/// <summary>
/// The suppression list as the API shows it, in plain SQL (<see cref="SuppressionReads"/>). Apart from
/// <see cref="SuppressionList"/>, which writes through EF Core, so a process that only reads never builds EF's context pool.
/// </summary>
public sealed class SuppressionQueries(SuppressionReads reads)
{
    /// <summary>A page of suppressions, newest first, optionally only those containing <paramref name="search"/> (any case).</summary>
    public async Task<Paged<SuppressionView>> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();
        var (items, total) = await reads.ListAsync(term, (page - 1) * pageSize, pageSize, cancellationToken);
        return new Paged<SuppressionView>([.. items.Select(SuppressionView.Of)], page, pageSize, total);
    }
}
