using System.Text.Json;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// The outermost handler of every language-model HttpClient: it hands the OpenAI SDK only well-formed successful
/// answers and turns everything else into the pipeline's failure kinds, named by provider and without the key —
/// transport failures and timeouts, HTTP errors (429 with its Retry-After or Google's RetryInfo, 5xx, refusals),
/// a 200 that carries an <c>error</c> object instead of choices (OpenRouter reports failures after routing that
/// way, with the upstream status as its code), a choice that stopped with <c>error</c>, and a body that is empty,
/// cut off or not JSON.
/// </summary>
/// <param name="provider">The provider's display name.</param>
public sealed class LlmResponseHandler(string provider) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ProviderHttp.Transient(ex, provider, cancellationToken) is { } transient)
        {
            throw transient;
        }

        try
        {
            await ProviderErrors.ThrowIfFailedAsync(provider, response, cancellationToken, notFound: "no such model or deployment");
            await ThrowIfFailedInsideAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task ThrowIfFailedInsideAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            // Buffered, so the SDK reads the same bytes afterwards.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientProspectException($"{provider}: the response was cut off ({ex.Message})", ex);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new TransientProspectException($"{provider}: malformed or truncated JSON ({ex.Message})", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TransientProspectException($"{provider}: unexpected response shape");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                throw ErrorOf(error);
            }

            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw new TransientProspectException($"{provider}: the answer had no choices");
            }

            var choice = choices[0];
            if (choice.TryGetProperty("error", out var choiceError) && choiceError.ValueKind == JsonValueKind.Object)
            {
                throw ErrorOf(choiceError);
            }

            if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String && finish.GetString() == "error")
            {
                throw new TransientProspectException($"{provider}: the model stopped with an error");
            }
        }
    }

    private Exception ErrorOf(JsonElement error)
    {
        // A code that is not an HTTP status (or none) is a failure after routing: treat it as a bad gateway, worth a retry.
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n is >= 400 and < 600 ? n : 502;
        var reason = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return ProviderErrors.For(provider, code, retryAfter: null, reason);
    }
}
