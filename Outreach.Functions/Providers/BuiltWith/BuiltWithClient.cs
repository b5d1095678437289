using System.Text.Json;
using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.BuiltWith;

/// <summary>
/// BuiltWith Domain API v22, <c>GET /v22/api.json?KEY=…&amp;LOOKUP={domain}</c>, reduced to distinct technology names
/// with their first category. BuiltWith reports errors as HTTP 200 with <c>Errors[]</c>; its codes are mapped
/// here: -99 (internal) and -6 are transient, everything else (-3 out of credits, -2 bad key, -8 bad domain …)
/// is permanent. The key rides in the query string, which the HttpClient logs redact (see ProviderRegistration).
/// </summary>
public sealed class BuiltWithClient(HttpClient http, ProviderSettingsStore store) : ProviderRestClient(http, store, Descriptor)
{
    /// <summary>Who this provider is: its api_configurations name, display name, settings section and retry mode.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("builtwith", "BuiltWith", BuiltWithOptions.SectionName, RetryMode.Idempotent);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { PropertyNameCaseInsensitive = true };

    /// <summary>The technologies BuiltWith has seen on <paramref name="domain"/>.</summary>
    public async Task<IReadOnlyList<TechStackItem>> LookupAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        // NOMETA/NOPII/NOATTR/HIDETEXT: BuiltWith's documented fast path; only technologies are used.
        var (body, effective) = await CallAsync<LookupResponse>(
            settings => new HttpRequestMessage(
                HttpMethod.Get,
                $"v22/api.json?KEY={Uri.EscapeDataString(settings.ApiKey!)}&LOOKUP={Uri.EscapeDataString(domain)}&NOMETA=yes&NOPII=yes&NOATTR=yes&HIDETEXT=yes"),
            Json,
            notFound: "no such endpoint",
            cancellationToken);
        if (body.Errors is { Count: > 0 } errors)
        {
            throw Error(errors[0], effective.ApiKey!);
        }

        return [.. (body.Results ?? [])
            .SelectMany(r => r.Result?.Paths ?? [])
            .SelectMany(p => p.Technologies ?? [])
            .Where(t => !string.IsNullOrWhiteSpace(t.Name))
            .GroupBy(t => t.Name!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new TechStackItem(g.Key, g.SelectMany(t => t.Categories ?? []).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) ?? g.First().Tag))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private Exception Error(LookupError error, string key)
    {
        // BuiltWith's messages can quote the request, and the request carries the key.
        var message = ProviderErrors.Shorten((error.Message ?? "no message").Replace(key, "***", StringComparison.Ordinal));
        return error.Code switch
        {
            -3 => new PermanentProspectException($"{Name}: out of API credits (code -3): {message}"),
            -2 => new PermanentProspectException($"{Name}: the API key was refused (code -2); check the key setting"),
            -5 => new PermanentProspectException($"{Name}: the plan does not allow this lookup (code -5): {message}"),
            -8 => new PermanentProspectException($"{Name}: the domain is not a valid root domain (code -8): {message}"),
            -99 or -6 => new TransientProspectException($"{Name}: internal error (code {error.Code}): {message}"),
            _ => new PermanentProspectException($"{Name}: lookup refused (code {error.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {message}"),
        };
    }

    private sealed record LookupResponse(List<LookupResult>? Results, List<LookupError>? Errors);

    private sealed record LookupResult(ResultBody? Result, string? Lookup);

    private sealed record ResultBody(List<ResultPath>? Paths);

    private sealed record ResultPath(string? Domain, List<Technology>? Technologies);

    private sealed record Technology(string? Name, string? Tag, List<string>? Categories);

    private sealed record LookupError(string? Lookup, string? Message, int? Code);
}
