using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Outreach.Cli.Serve;

/// <summary>
/// What lets a request through <c>outreach serve</c>, as Jupyter does it: the random token printed with the URL, given
/// as <c>Authorization: Bearer …</c>, <c>X-Outreach-Token</c> or the cookie set when the printed URL is opened
/// (<c>/?token=…</c> sets it and redirects to the same page without the token). <c>/api/health</c> needs none.
/// Anything else gets 401 — problem details for the API, a short page for a browser.
/// </summary>
internal sealed class TokenGate(string token)
{
    /// <summary>The cookie that carries the token after the printed URL was opened.</summary>
    public const string Cookie = "outreach_token";

    /// <summary>The header a script can send instead of <c>Authorization</c>.</summary>
    public const string Header = "X-Outreach-Token";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>A new random token: 32 bytes, base64url.</summary>
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The middleware.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Path.Equals("/api/health", StringComparison.OrdinalIgnoreCase) || Carries(context.Request))
        {
            await next(context);
            return;
        }

        if (context.Request.Query["token"].ToString() is { Length: > 0 } given && Matches(given) && HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Cookies.Append(Cookie, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            context.Response.Redirect(context.Request.Path.HasValue ? context.Request.Path.Value! : "/");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(
                detail: "This console needs the token that `outreach serve` printed: open the URL it printed, or send Authorization: Bearer <token>.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized.").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><title>Outreach</title><main><h1>Outreach</h1>" +
            "<p>Open the URL that <code>outreach serve</code> printed in its terminal; it carries the token this console needs.</p></main></html>");
    }

    private bool Carries(HttpRequest request)
    {
        var bearer = request.Headers.Authorization.ToString();
        return (bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(bearer[7..].Trim()))
            || (request.Headers[Header].ToString() is { Length: > 0 } header && Matches(header))
            || (request.Cookies[Cookie] is { Length: > 0 } cookie && Matches(cookie));
    }

    private bool Matches(string candidate) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);
}
