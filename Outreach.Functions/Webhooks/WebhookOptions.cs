using System.ComponentModel.DataAnnotations;
using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Webhooks;

/// <summary>Webhook settings (<c>Webhooks__*</c>): receivers configured here, the address guard, and the delivery schedule.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>The HttpClient deliveries use (address-guarded, no redirects).</summary>
    public const string HttpClientName = "webhooks";

    /// <summary>Receivers from settings (<c>Webhooks__Endpoints__0__Url</c>, <c>__Secret</c>, then 1, 2, …).</summary>
    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Whether a receiver may resolve to a private or loopback address (local tests only).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Attempts per delivery before it is recorded FAILED.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; each further wait doubles (10 s, 20 s, 40 s … about 21 minutes in all by default).</summary>
    [Range(0, 3600)]
    public int FirstRetryDelaySeconds { get; set; } = 10;

    /// <summary>Timeout of one attempt.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var problem = Problem(Endpoints[i]);
            if (problem is not null)
            {
                yield return new ValidationResult($"Webhooks__Endpoints__{i}: {problem}", [nameof(Endpoints)]);
            }
        }
    }

    private static string? Problem(WebhookEndpointOptions endpoint)
    {
        try
        {
            WebhookEndpoint.CheckUrl(endpoint.Url);
            WebhookSigner.KeyOf(endpoint.Secret);
            return null;
        }
        catch (DomainValidationException ex)
        {
            return ex.Message;
        }
    }
}
