using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.EnrichLayer;

/// <summary>A LinkedIn profile in Proxycurl's shape (Enrich Layer keeps it).</summary>
public sealed record LinkedInProfile(
    [property: JsonPropertyName("full_name")] string? FullName,
    [property: JsonPropertyName("headline")] string? Headline,
    [property: JsonPropertyName("occupation")] string? Occupation,
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("country_full_name")] string? Country,
    [property: JsonPropertyName("experiences")] IReadOnlyList<LinkedInExperience>? Experiences,
    [property: JsonPropertyName("education")] IReadOnlyList<LinkedInEducation>? Education)
{
    /// <summary>The facts a prompt may use, as plain text (linkedin_summary).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        void Line(string? label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                sb.Append(label).Append(value.Trim()).Append('\n');
            }
        }

        Line("Name: ", FullName);
        Line("Headline: ", Headline);
        Line("Occupation: ", Occupation);
        Line("Location: ", string.Join(", ", new[] { City, Country }.Where(v => !string.IsNullOrWhiteSpace(v))));
        foreach (var e in (Experiences ?? []).Take(5))
        {
            var until = e.EndsAt?.Year is { } end ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : "present";
            Line("Experience: ", $"{e.Title} at {e.Company}{(e.StartsAt?.Year is { } from ? $" ({from}–{until})" : string.Empty)}");
        }

        foreach (var e in (Education ?? []).Take(3))
        {
            Line("Education: ", string.Join(", ", new[] { e.DegreeName, e.FieldOfStudy, e.School }.Where(v => !string.IsNullOrWhiteSpace(v))));
        }

        Line("Summary: ", Summary);
        return sb.ToString().TrimEnd();
    }
}

/// <summary>One position.</summary>
public sealed record LinkedInExperience(
    [property: JsonPropertyName("company")] string? Company,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("starts_at")] LinkedInDate? StartsAt,
    [property: JsonPropertyName("ends_at")] LinkedInDate? EndsAt);

/// <summary>One school.</summary>
public sealed record LinkedInEducation(
    [property: JsonPropertyName("school")] string? School,
    [property: JsonPropertyName("degree_name")] string? DegreeName,
    [property: JsonPropertyName("field_of_study")] string? FieldOfStudy);

/// <summary>Proxycurl's {day, month, year}.</summary>
public sealed record LinkedInDate(
    [property: JsonPropertyName("day")] int? Day,
    [property: JsonPropertyName("month")] int? Month,
    [property: JsonPropertyName("year")] int? Year);

/// <summary>
/// Enrich Layer's person profile endpoint, <c>GET {BaseUrl}/profile?profile_url=…</c> with a Bearer key, or the
/// Proxycurl-compatible path when <see cref="EnrichLayerOptions.UseProxycurlPath"/> is set. 404 (no profile) and
/// 401/402/403 (key, credits) are permanent; 429 and 5xx are transient. Retries, the circuit breaker, attempt
/// timeouts and the rate limit are in the HttpClient's resilience pipeline (<see cref="ProviderRegistration"/>).
/// </summary>
public sealed class EnrichLayerClient(HttpClient http, IOptionsMonitor<EnrichLayerOptions> options, ProviderSettingsStore store)
    : ProviderRestClient(http, store, Descriptor)
{
    /// <summary>Who this provider is: its api_configurations name, display name, settings section and retry mode.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("enrichlayer", "Enrich Layer", EnrichLayerOptions.SectionName, RetryMode.Idempotent);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The profile at <paramref name="profileUrl"/>.</summary>
    public async Task<LinkedInProfile> GetProfileAsync(string profileUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profileUrl);
        var escaped = Uri.EscapeDataString(profileUrl);
        var path = options.CurrentValue.UseProxycurlPath ? $"proxycurl/api/v2/linkedin?linkedin_profile_url={escaped}" : $"profile?profile_url={escaped}";
        var (profile, _) = await CallAsync<LinkedInProfile>(
            settings => WithBearer(new HttpRequestMessage(HttpMethod.Get, path), settings), Json, notFound: "no public profile at that URL", cancellationToken);
        return profile;
    }
}
