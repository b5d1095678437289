namespace Outreach.Functions.Triggers.Http.Access;

/// <summary>Who may call the HTTP API in Azure (<c>Access__*</c>); see <see cref="AccessPolicy"/>.</summary>
public sealed class AccessOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Access";

    /// <summary>
    /// The Entra app role every caller of the API must hold (<c>Access__RequiredRole</c>, e.g. <c>Outreach.User</c>);
    /// empty for none — local runs, where <c>outreach serve</c>'s token (or the Core Tools on loopback) stands guard.
    /// </summary>
    public string? RequiredRole { get; set; }
}
