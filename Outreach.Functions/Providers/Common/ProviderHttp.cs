using System.Text.Json;
using Outreach.Functions.Contracts;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Outreach.Functions.Providers.Common;

/// <summary>Sending a request through a provider's resilient HttpClient and reading its JSON, with failures mapped to the pipeline's kinds.</summary>
public static class ProviderHttp
{
    /// <summary>Sends <paramref name="request"/>; transport failures, timeouts, an open circuit and local rate-limit rejections are transient.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (Transient(ex, provider, cancellationToken) is { } transient)
        {
            throw transient;
        }
    }

    /// <summary>
    /// The pipeline's failure for an exception of sending: transport failures, timeouts, an open circuit and local
    /// rate-limit rejections are transient; anything else (the caller's own cancellation included) is null, left as it is.
    /// </summary>
    public static TransientProspectException? Transient(Exception exception, string provider, CancellationToken cancellationToken) => exception switch
    {
        // The circuit knows when it will let a call through again; retrying sooner only burns an attempt.
        BrokenCircuitException broken => new TransientProspectException($"{provider}: {Describe(broken)}", broken.RetryAfter, broken),
        HttpRequestException or TimeoutException or TimeoutRejectedException or RateLimiterRejectedException
            => new TransientProspectException($"{provider}: {Describe(exception)}", exception),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => new TransientProspectException($"{provider}: {Describe(exception)}", exception),
        _ => null,
    };

    /// <summary>Reads the body as <typeparamref name="T"/>; an empty, cut-off or garbled body is transient (worth another attempt), not a fact.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string provider, JsonSerializerOptions json, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(body, json, cancellationToken)
                ?? throw new TransientProspectException($"{provider}: empty response body");
        }
        catch (JsonException ex)
        {
            throw new TransientProspectException($"{provider}: malformed or truncated JSON ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientProspectException($"{provider}: the response was cut off ({ex.Message})", ex);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        BrokenCircuitException => "too many recent failures; calls are paused briefly (circuit open)",
        RateLimiterRejectedException => "local rate limit reached",
        TaskCanceledException or TimeoutException or TimeoutRejectedException => "timed out",
        _ => ex.Message,
    };
}
