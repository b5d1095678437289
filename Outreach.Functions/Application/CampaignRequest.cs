using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Templating;

namespace Outreach.Functions.Application;

/// <summary>The service part of a campaign request: an inline new service.</summary>
public sealed record ServiceRequest(string Name, string? Description, string? ValueProposition, IReadOnlyList<string>? TargetIndustries = null);

/// <summary>The body of <c>POST /api/campaigns</c> and the content of <c>samples/campaign.json</c>.</summary>
public sealed record CampaignRequest(
    string Name,
    string EmailSubject,
    string Prompt,
    IReadOnlyList<string>? EnrichmentFlags,
    IReadOnlyList<string>? RequiredEnrichment,
    ServiceRequest? Service,
    Guid? ServiceId,
    string? DedupeScope,
    string? EmailBody = null,
    string? SenderName = null,
    string? SenderTitle = null,
    string? SenderCompany = null,
    int? MinBodyWords = null,
    int? MaxBodyWords = null,
    int? MaxSubjectChars = null,
    string? Verification = null,
    string? Footer = null,
    string? Unsubscribe = null)
{
    /// <summary>camelCase JSON, as the API speaks it.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>Parses a request; throws <see cref="DomainValidationException"/> with the reason when it is not one.</summary>
    public static CampaignRequest Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CampaignRequest>(json, Json) ?? throw new DomainValidationException("The campaign is empty.");
        }
        catch (JsonException ex)
        {
            throw new DomainValidationException($"The campaign is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Creates the campaign (and its inline service); throws <see cref="DomainValidationException"/> on invalid values.</summary>
    public async Task<Campaign> CreateAsync(OutreachDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var campaign = await BuildAsync(db, now, reviseService: false, cancellationToken);
        if (await db.Campaigns.AnyAsync(c => c.Name == campaign.Name, cancellationToken))
        {
            throw new DomainConflictException($"A campaign named '{campaign.Name}' already exists.");
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>
    /// The campaign these settings describe, validated (templates included) but not added: a new inline service is
    /// added to <paramref name="db"/>, and an existing service of the same name is reused — and, when
    /// <paramref name="reviseService"/>, given this request's description, value proposition and industries.
    /// </summary>
    public async Task<Campaign> BuildAsync(OutreachDbContext db, DateTimeOffset now, bool reviseService, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new DomainValidationException("name is required.");
        }

        // Templates are checked before anything is stored: a campaign whose emails cannot be rendered is refused.
        // A missing subject is the entity's to report, with its other required values.
        if (!string.IsNullOrWhiteSpace(EmailSubject))
        {
            EmailTemplates.Check(EmailSubject, "emailSubject");
        }

        if (EmailBody is not null)
        {
            EmailTemplates.Check(EmailBody, "emailBody");
        }

        if (!string.IsNullOrWhiteSpace(Footer))
        {
            EmailTemplates.Check(Footer, "footer");
        }

        var scope = DedupeScope?.Trim().ToUpperInvariant() switch
        {
            null or "" or "CAMPAIGN" => Domain.Enums.DedupeScope.Campaign,
            "GLOBAL" => Domain.Enums.DedupeScope.Global,
            var other => throw new DomainValidationException($"dedupeScope '{other}' is not CAMPAIGN or GLOBAL."),
        };
        var verification = Verification?.Trim().ToLowerInvariant() switch
        {
            null or "" or "skip_invalid" => VerificationPolicy.SkipInvalid,
            "off" => VerificationPolicy.Off,
            "valid_only" => VerificationPolicy.ValidOnly,
            var other => throw new DomainValidationException($"verification '{other}' is not off, skip_invalid or valid_only."),
        };

        Guid serviceId;
        if (ServiceId is { } existing)
        {
            serviceId = await db.Services.AnyAsync(s => s.Id == existing, cancellationToken)
                ? existing
                : throw new DomainValidationException($"No service with id {existing}.");
        }
        else if (Service is not null)
        {
            // Reuse a service of the same name rather than failing on its unique name.
            var service = await db.Services.FirstOrDefaultAsync(s => s.Name == Service.Name.Trim(), cancellationToken);
            if (service is null)
            {
                service = db.Services.Add(new Service(Service.Name, Service.Description ?? string.Empty, Service.ValueProposition ?? string.Empty, Service.TargetIndustries, now)).Entity;
            }
            else if (reviseService)
            {
                service.Revise(Service.Description, Service.ValueProposition, Service.TargetIndustries, now);
            }

            serviceId = service.Id;
        }
        else
        {
            throw new DomainValidationException("A campaign needs a service: give \"service\" {name, description, valueProposition} or \"serviceId\".");
        }

        return new Campaign(
            Name, EmailSubject, Prompt, serviceId, EnrichmentFlags, RequiredEnrichment, scope, now,
            MaxSubjectChars ?? Campaign.DefaultMaxSubjectChars, MaxBodyWords ?? Campaign.DefaultMaxBodyWords,
            emailBody: EmailBody, sender: new CampaignSender(SenderName, SenderTitle, SenderCompany),
            minBodyWords: MinBodyWords ?? Math.Min(Campaign.DefaultMinBodyWords, MaxBodyWords ?? Campaign.DefaultMaxBodyWords), verification: verification,
            compliance: new CampaignCompliance(string.IsNullOrWhiteSpace(Footer) ? null : Footer, string.IsNullOrWhiteSpace(Unsubscribe) ? null : Unsubscribe));
    }
}
