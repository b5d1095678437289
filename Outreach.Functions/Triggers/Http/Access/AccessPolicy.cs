using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Outreach.Functions.Triggers.Http.Access;

/// <summary>Why a request was refused: the status (401, 403 or 503) and what to do.</summary>
public sealed record AccessRefusal(int Status, string Detail);

/// <summary>
/// The API's one access rule in Azure. App Service authentication (Entra ID) on the Function App validates every
/// caller's token before a function runs — the console calls with the signed-in user's token, never a function key —
/// and this rule adds the app role: with <c>Access__RequiredRole</c> set, a request needs App Service authentication
/// to be on (<c>WEBSITE_AUTH_ENABLED</c>; otherwise nothing vouches for the principal header, so every request is
/// refused) and a principal holding the role. <c>/api/health</c> stays open for probes. Fail closed: a deployment
/// whose authentication is missing answers 503, never the data.
/// </summary>
public sealed class AccessPolicy(IOptions<AccessOptions> options, Func<string, string?>? environment = null)
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary>Null when <paramref name="request"/> may go on; otherwise why not.</summary>
    public AccessRefusal? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var role = options.Value.RequiredRole;
        if (string.IsNullOrWhiteSpace(role) || request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(_environment("WEBSITE_AUTH_ENABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new AccessRefusal(
                StatusCodes.Status503ServiceUnavailable,
                "App Service authentication is not enabled on this Function App, so no caller can be trusted; the API refuses every request until it is (infra/modules/functionapp.bicep sets it up).");
        }

        var principal = ClientPrincipal.Parse(request.Headers[ClientPrincipal.Header]);
        if (principal is not { Claims.Count: > 0 })
        {
            return new AccessRefusal(StatusCodes.Status401Unauthorized, "Sign in: send an Entra ID access token for this API as Authorization: Bearer <token>.");
        }

        return principal.HasRole(role)
            ? null
            : new AccessRefusal(StatusCodes.Status403Forbidden, $"The signed-in account lacks the app role '{role}'; an owner of the app registration can assign it.");
    }
}
