using System.Globalization;
using System.Net;
using System.Text.Json;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// Turns a provider's HTTP answer into the pipeline's failure kinds, with messages that name the provider, quote
/// the provider's own reason when it gives one, and never carry the key.
/// </summary>
public static class ProviderErrors
{
    private const int MaxReasonChars = 300;

    /// <summary>
    /// Throws <see cref="PermanentProspectException"/> or <see cref="TransientProspectException"/> unless the response
    /// succeeded, with the reason the provider's error body gives (and a Gemini RetryInfo delay).
    /// </summary>
    /// <param name="provider">The provider's display name, e.g. "Enrich Layer".</param>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels reading the error body.</param>
    /// <param name="notFound">What a 404 means for this provider.</param>
    public static async Task ThrowIfFailedAsync(string provider, HttpResponseMessage response, CancellationToken cancellationToken, string notFound = "not found")
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var (reason, retryDelay) = await ReadErrorBodyAsync(response, cancellationToken);
        throw For(provider, (int)response.StatusCode, RetryAfterOf(response) ?? retryDelay, reason, notFound);
    }

    /// <summary>The failure for an HTTP status (also used for errors that arrive inside a 200 body with a status code).</summary>
    public static Exception For(string provider, int status, TimeSpan? retryAfter, string? reason, string notFound = "not found")
    {
        var why = string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {Shorten(reason)}";
        return status switch
        {
            404 => new PermanentProspectException($"{provider}: {notFound} (404){why}"),
            401 => new PermanentProspectException($"{provider}: the API key was refused (401); check the key setting{why}"),
            402 => new PermanentProspectException($"{provider}: out of credits (402){why}"),
            403 => new PermanentProspectException($"{provider}: forbidden — out of credits or not allowed (403){why}"),
            429 => new TransientProspectException($"{provider}: rate limited (429){why}", retryAfter),
            408 => new TransientProspectException($"{provider}: timed out (408){why}"),
            >= 500 => new TransientProspectException($"{provider}: server error ({status}){why}", retryAfter),
            _ => new PermanentProspectException($"{provider}: request refused ({status}){why}"),
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

    /// <summary>
    /// How long a refused response asks the caller to wait: the Retry-After header, or Google's
    /// <c>google.rpc.RetryInfo.retryDelay</c> inside the error body (Gemini's 429s carry it there). The body is
    /// buffered, so the caller can still read it.
    /// </summary>
    public static async ValueTask<TimeSpan?> RetryDelayAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (RetryAfterOf(response) is { } header)
        {
            return header;
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests ? (await ReadErrorBodyAsync(response, cancellationToken)).RetryDelay : null;
    }

    /// <summary>A provider's reason, cut to a length that fits an error_message.</summary>
    public static string Shorten(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var flat = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxReasonChars ? flat : flat[..MaxReasonChars] + "…";
    }

    /// <summary>Reads the common error shapes: <c>{"error":"…"}</c>, <c>{"error":{"message":"…","details":[RetryInfo]}}</c>, <c>{"message":"…"}</c>, <c>{"description":"…"}</c>.</summary>
    private static async Task<(string? Reason, TimeSpan? RetryDelay)> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] is not ('{' or '['))
            {
                return (null, null);
            }

            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.GetArrayLength() > 0 ? doc.RootElement[0] : doc.RootElement;
            return root.ValueKind != JsonValueKind.Object ? (null, null) : (ReasonIn(root), RetryDelayIn(root));
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    /// <summary>The provider's reason in an error object, if it has one.</summary>
    internal static string? ReasonIn(JsonElement root)
    {
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }

            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }

        foreach (var name in (string[])["message", "description", "detail"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static TimeSpan? RetryDelayIn(JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            // google.rpc.RetryInfo serializes its Duration as seconds with an "s" suffix, e.g. "37s" or "1.5s".
            if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String
                && delay.GetString() is { } text && text.EndsWith('s')
                && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }
}
