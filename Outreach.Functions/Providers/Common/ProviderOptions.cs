using System.ComponentModel.DataAnnotations;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// Settings of one external provider (<c>Providers__{Name}__*</c>). The key is not among them: it is read from
/// configuration only when a call is made (<see cref="ProviderSettingsStore"/>), as an app setting or a Key Vault
/// reference in Azure — never from the database, never into logs.
/// </summary>
public class ProviderOptions : IValidatableObject
{
    /// <summary>The API's base URL (configurable so compatible or local endpoints work).</summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Whether a provider without a base URL is a configuration error (false where an empty URL means "not used").</summary>
    protected virtual bool BaseUrlRequired => true;

    /// <summary>Requests per second this app sends the provider at most.</summary>
    [Range(0.01, 1000)]
    public double RequestsPerSecond { get; set; } = 2;

    /// <summary>Timeout of one attempt.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Longest Retry-After honoured in place; a longer one fails the attempt as rate-limited so the Durable retry comes back later.</summary>
    [Range(0, 300)]
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>Retries of one call for transient failures (429, 5xx, timeouts) before the failure goes to the orchestration.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <inheritdoc />
    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            if (BaseUrlRequired)
            {
                yield return new ValidationResult("BaseUrl is required.", [nameof(BaseUrl)]);
            }
        }
        else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult($"BaseUrl must be an absolute http(s) URL, not '{BaseUrl}'.", [nameof(BaseUrl)]);
        }
    }
}
