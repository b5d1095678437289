using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Outreach.Functions.Triggers.Http.Access;

namespace Outreach.Tests.Api;

/// <summary>The API's access rule in Azure: App Service authentication on, a signed-in principal, the app role; health open; fail closed.</summary>
public sealed class AccessPolicyTests
{
    private const string Role = "Outreach.User";

    [Fact]
    public void Check_WhenAuthenticationIsOnAndThePrincipalHasTheRole_LetsTheRequestThrough()
    {
        var policy = Policy(Role, authEnabled: true);

        Assert.Null(policy.Check(Request("/api/batches", Principal(("roles", Role), ("name", "ada@contoso.example")))));
    }

    [Fact]
    public void Check_WhenThePrincipalLacksTheRole_Refuses403NamingTheRole()
    {
        var refusal = Policy(Role, authEnabled: true).Check(Request("/api/batches", Principal(("roles", "Other.Role"))));

        Assert.Equal(403, refusal?.Status);
        Assert.Contains("'Outreach.User'", refusal!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64 !")]
    [InlineData("e30=")]
    public void Check_WhenThereIsNoReadablePrincipal_Refuses401(string? header)
    {
        var refusal = Policy(Role, authEnabled: true).Check(Request("/api/campaigns", header));

        Assert.Equal(401, refusal?.Status);
    }

    [Fact]
    public void Check_WhenAppServiceAuthenticationIsOff_RefusesEveryRequestEvenWithAForgedPrincipal()
    {
        var refusal = Policy(Role, authEnabled: false).Check(Request("/api/batches", Principal(("roles", Role))));

        Assert.Equal(503, refusal?.Status);
        Assert.StartsWith("App Service authentication is not enabled", refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OfHealthOrWithNoRoleConfigured_LetsTheRequestThrough()
    {
        Assert.Null(Policy(Role, authEnabled: false).Check(Request("/api/health", null)));
        Assert.Null(Policy(null, authEnabled: false).Check(Request("/api/batches", null)));
    }

    [Fact]
    public void HasRole_WhenTheProviderNamesItsOwnRoleClaimType_ReadsThatType()
    {
        var principal = ClientPrincipal.Parse(Principal(("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", Role)))!;

        Assert.True(principal.HasRole(Role));
        Assert.False(principal.HasRole("outreach.user"));
    }

    private static AccessPolicy Policy(string? role, bool authEnabled) =>
        new(Options.Create(new AccessOptions { RequiredRole = role }), name => name == "WEBSITE_AUTH_ENABLED" && authEnabled ? "True" : null);

    private static HttpRequest Request(string path, string? principal)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.Header] = principal;
        }

        return context.Request;
    }

    // The header as App Service authentication writes it: base64 JSON with the claims and the role claim type.
    private static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
            name_typ = "name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        })));
}
