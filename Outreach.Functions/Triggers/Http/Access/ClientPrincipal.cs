using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Functions.Triggers.Http.Access;

/// <summary>One claim of the signed-in caller.</summary>
public sealed record PrincipalClaim([property: JsonPropertyName("typ")] string Type, [property: JsonPropertyName("val")] string Value);

/// <summary>
/// The caller App Service authentication signed in, from the <c>X-MS-CLIENT-PRINCIPAL</c> header it adds to every
/// authenticated request (base64 JSON: the identity provider, the claims, and which claim type holds roles).
/// </summary>
public sealed record ClientPrincipal(
    [property: JsonPropertyName("auth_typ")] string? IdentityProvider,
    [property: JsonPropertyName("claims")] IReadOnlyList<PrincipalClaim>? Claims,
    [property: JsonPropertyName("role_typ")] string? RoleClaimType)
{
    /// <summary>The header App Service authentication sets.</summary>
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The principal in <paramref name="header"/>, or null when there is none or it cannot be read.</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClientPrincipal>(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the principal holds app role <paramref name="role"/> (Entra puts app roles in <c>roles</c>).</summary>
    public bool HasRole(string role) =>
        (Claims ?? []).Any(c => (c.Type == "roles" || c.Type == RoleClaimType) && string.Equals(c.Value, role, StringComparison.Ordinal));
}
