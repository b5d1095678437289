using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Application;

namespace Outreach.Functions.Triggers.Http;

/// <summary><c>/api/services</c> and <c>/api/campaigns</c>, including uploads to a campaign.</summary>
public sealed class CatalogFunctions(Catalog catalog, CatalogQueries queries, UploadIntake uploads)
{
    /// <summary><c>POST /api/services</c>: 201 with the service.</summary>
    [Function(nameof(CreateService))]
    public Task<IResult> CreateService(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "services")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var service = await catalog.CreateServiceAsync(await ApiHttp.BodyAsync<ServiceRequest>(req, cancellationToken), cancellationToken);
            return new Located(ApiHttp.Ok(service, StatusCodes.Status201Created), $"/api/services/{service.Id}");
        });

    /// <summary><c>GET /api/services?page=&amp;pageSize=</c>.</summary>
    [Function(nameof(ListServices))]
    public Task<IResult> ListServices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "services")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var (page, size) = ApiHttp.Paging(req);
            return ApiHttp.Ok(await queries.ServicesAsync(page, size, cancellationToken));
        });

    /// <summary><c>GET /api/services/{id}</c>.</summary>
    [Function(nameof(GetService))]
    public Task<IResult> GetService(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "services/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var serviceId = ApiHttp.Id(id);
            return ApiHttp.Ok(await queries.ServiceAsync(serviceId, cancellationToken) ?? throw ApiProblemException.NotFound("service", serviceId));
        });

    /// <summary><c>POST /api/campaigns</c> (the shape of <c>samples/campaign.json</c>): 201 with the campaign.</summary>
    [Function(nameof(CreateCampaign))]
    public Task<IResult> CreateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var campaign = await catalog.CreateCampaignAsync(await ApiHttp.BodyAsync<CampaignRequest>(req, cancellationToken), cancellationToken);
            return new Located(ApiHttp.Ok(campaign, StatusCodes.Status201Created), $"/api/campaigns/{campaign.Id}");
        });

    /// <summary><c>GET /api/campaigns?page=&amp;pageSize=</c>.</summary>
    [Function(nameof(ListCampaigns))]
    public Task<IResult> ListCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns")] HttpRequest req, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var (page, size) = ApiHttp.Paging(req);
            return ApiHttp.Ok(await queries.CampaignsAsync(page, size, cancellationToken));
        });

    /// <summary><c>GET /api/campaigns/{id}</c>.</summary>
    [Function(nameof(GetCampaign))]
    public Task<IResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var campaignId = ApiHttp.Id(id);
            return ApiHttp.Ok(await queries.CampaignAsync(campaignId, cancellationToken) ?? throw ApiProblemException.NotFound("campaign", campaignId));
        });

    /// <summary><c>PUT /api/campaigns/{id}</c> (the body of a creation; the name stays): the campaign and what changed.</summary>
    [Function(nameof(UpdateCampaign))]
    public Task<IResult> UpdateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "campaigns/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            var campaignId = ApiHttp.Id(id);
            var applied = await catalog.UpdateCampaignAsync(campaignId, await ApiHttp.BodyAsync<CampaignRequest>(req, cancellationToken), cancellationToken);
            return ApiHttp.Ok(applied);
        });

    /// <summary>
    /// <c>POST /api/campaigns/{id}/uploads[?name=]</c> with a text/csv body: stored as
    /// <c>prospect-uploads/{campaignId}/{name}.csv</c>; 202 with a Location of the upload, which the blob trigger imports.
    /// </summary>
    [Function(nameof(UploadProspects))]
    public Task<IResult> UploadProspects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{id}/uploads")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        ApiHttp.HandleAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(req);
            var campaignId = ApiHttp.Id(id);
            var uploadId = await uploads.AcceptAsync(campaignId, req.Query["name"], req, cancellationToken);
            return Results.Accepted($"/api/uploads/{uploadId}", new { id = uploadId, status = "RECEIVED" });
        });
}
