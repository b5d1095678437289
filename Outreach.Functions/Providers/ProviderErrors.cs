using System.Net;
using Outreach.Functions.Pipeline;

namespace Outreach.Functions.Providers;

/// <summary>Turns a provider's HTTP answer into the pipeline's failure kinds, with messages that name the provider and never the key.</summary>
public static class ProviderErrors
{
    /// <summary>Throws <see cref="PermanentProspectException"/> or <see cref="TransientProspectException"/> unless the response succeeded.</summary>
    /// <param name="provider">The provider's display name, e.g. "Enrich Layer".</param>
    /// <param name="response">The response.</param>
    /// <param name="notFound">What a 404 means for this provider.</param>
    public static void ThrowIfFailed(string provider, HttpResponseMessage response, string notFound = "not found")
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new PermanentProspectException($"{provider}: {notFound} (404)"),
            HttpStatusCode.Unauthorized => new PermanentProspectException($"{provider}: the API key was refused (401); check the key setting"),
            HttpStatusCode.PaymentRequired => new PermanentProspectException($"{provider}: out of credits (402)"),
            HttpStatusCode.Forbidden => new PermanentProspectException($"{provider}: forbidden — out of credits or not allowed (403)"),
            HttpStatusCode.TooManyRequests => new TransientProspectException($"{provider}: rate limited (429){RetryAfter(response)}"),
            HttpStatusCode.RequestTimeout => new TransientProspectException($"{provider}: timed out (408)"),
            _ when status >= 500 => new TransientProspectException($"{provider}: server error ({status})"),
            _ => new PermanentProspectException($"{provider}: request refused ({status})"),
        };
    }

    /// <summary>The Retry-After of a response, if it has one.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static string RetryAfter(HttpResponseMessage response) =>
        RetryAfterOf(response) is { } wait ? $"; retry after {Math.Max(0, wait.TotalSeconds):F0} s" : string.Empty;
}
