using Microsoft.EntityFrameworkCore;
using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>
/// How a person names a campaign — in an upload folder, on the command line — written once: by its id, by its exact
/// name, or by its name in another case (names are typed by hand).
/// </summary>
public static class CampaignLookups
{
    /// <summary>The campaign <paramref name="reference"/> names, or null.</summary>
    public static async Task<Campaign?> FindByReferenceAsync(this IQueryable<Campaign> campaigns, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var trimmed = reference.Trim();
        if (Guid.TryParse(trimmed, out var id))
        {
            return await campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        }

        return await campaigns.FirstOrDefaultAsync(c => c.Name == trimmed, cancellationToken)
            ?? await campaigns.FirstOrDefaultAsync(c => EF.Functions.ILike(c.Name, LikeLiteral(trimmed), @"\"), cancellationToken);
    }

    /// <summary><paramref name="text"/> as a LIKE pattern that matches only itself (escape character <c>\</c>).</summary>
    public static string LikeLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
    }
}
