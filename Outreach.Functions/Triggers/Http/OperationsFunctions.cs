using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Application;

namespace Outreach.Functions.Triggers.Http;

/// <summary>Provider settings and the health probe.</summary>
public sealed class OperationsFunctions(ProviderCatalog providers, ProviderQueries queries, HealthCheck health)
{
    /// <summary><c>GET /api/providers</c>: every provider's settings and whether its key setting is set (never the key).</summary>
    [Function(nameof(ListProviders))]
    public Task<IResult> ListProviders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "providers")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await queries.ListAsync(cancellationToken)));

    /// <summary><c>GET /api/providers/{provider}</c>.</summary>
    [Function(nameof(GetProvider))]
    public Task<IResult> GetProvider(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "providers/{provider}")] HttpRequest req, string provider, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await queries.GetAsync(provider, cancellationToken)));

    /// <summary><c>PUT /api/providers/{provider}</c>: enabled, model, temperature, maxTokens, promptTemplates, secretSetting (a setting's name, never a key).</summary>
    [Function(nameof(UpdateProvider))]
    public Task<IResult> UpdateProvider(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "providers/{provider}")] HttpRequest req, string provider, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () => ApiHttp.Ok(await providers.PutAsync(provider, await ApiHttp.BodyAsync<ProviderUpdate>(req, cancellationToken), cancellationToken)));

    /// <summary><c>GET /api/health</c> (anonymous): 200 when PostgreSQL and storage answer, else 503 naming the failed dependency.</summary>
    [Function(nameof(Health))]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return report.Status == "healthy"
            ? ApiHttp.Ok(report)
            : ApiHttp.Problem(
                StatusCodes.Status503ServiceUnavailable,
                $"Unavailable: {string.Join(", ", report.Failed.Select(f => $"{f} {report.Checks[f]}"))}.",
                new Dictionary<string, object?> { ["checks"] = report.Checks });
    }
}
