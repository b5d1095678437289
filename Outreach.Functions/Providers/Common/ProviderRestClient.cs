using System.Net.Http.Headers;
using System.Text.Json;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// What the REST enrichment clients share, as <c>ProviderChatClient</c> is for the language models: whether the
/// provider may be called (a key is set and no api_configurations row disables it), and one call — the usable
/// settings, the request built with them, the send through the resilience pipeline, the shared error mapping
/// (which scrubs keys), and the JSON read that turns a truncated answer into a transient failure.
/// </summary>
/// <param name="http">The provider's typed HttpClient (base URL, resilience pipeline).</param>
/// <param name="store">Where the key and the api_configurations row are read.</param>
/// <param name="descriptor">Who the provider is.</param>
public abstract class ProviderRestClient(HttpClient http, ProviderSettingsStore store, ProviderDescriptor descriptor)
{
    /// <summary>The name people read in messages.</summary>
    protected string Name => descriptor.DisplayName;

    /// <summary>Whether a key is configured and no api_configurations row disables the provider.</summary>
    public async Task<bool> IsConfiguredAsync(CancellationToken cancellationToken) => (await store.GetAsync(descriptor, cancellationToken)).IsUsable;

    /// <summary>Builds the request from the usable settings, sends it, maps a failed answer and reads the JSON body.</summary>
    /// <returns>The body, and the settings the call used (a client that must scrub the key from a message needs it).</returns>
    protected async Task<(T Body, EffectiveProviderSettings Settings)> CallAsync<T>(
        Func<EffectiveProviderSettings, HttpRequestMessage> build, JsonSerializerOptions json, string notFound, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        var effective = await store.GetUsableAsync(descriptor, cancellationToken);
        using var request = build(effective);
        using var response = await ProviderHttp.SendAsync(http, request, Name, cancellationToken);
        await ProviderErrors.ThrowIfFailedAsync(Name, response, cancellationToken, notFound);
        return (await ProviderHttp.ReadJsonAsync<T>(response, Name, json, cancellationToken), effective);
    }

    /// <summary>
    /// Builds the request from the usable settings and sends it, transport failures mapped; the caller reads the answer
    /// (for providers whose refusals carry meaning, such as a sequencer's "already in the campaign").
    /// </summary>
    protected async Task<(HttpResponseMessage Response, EffectiveProviderSettings Settings)> SendAsync(
        Func<EffectiveProviderSettings, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var effective = await store.GetUsableAsync(descriptor, cancellationToken);
        using var request = build(effective);
        return (await ProviderHttp.SendAsync(http, request, Name, cancellationToken), effective);
    }

    /// <summary><paramref name="request"/> with the key as a bearer token.</summary>
    protected static HttpRequestMessage WithBearer(HttpRequestMessage request, EffectiveProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        return request;
    }
}
