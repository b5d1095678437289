using Outreach.Domain.Entities;

namespace Outreach.Data.Persistence;

/// <summary>A prospect with its campaign and the service the campaign sells (see <see cref="ProspectLookups"/>).</summary>
/// <remarks>Init properties, not a constructor, so EF can filter and project through it inside one query.</remarks>
public sealed class ProspectWithCampaign
{
    /// <summary>The prospect.</summary>
    public required Prospect Prospect { get; init; }

    /// <summary>Its campaign.</summary>
    public required Campaign Campaign { get; init; }

    /// <summary>The service the campaign sells.</summary>
    public required Service Service { get; init; }
}
