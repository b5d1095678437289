using System.Text.Json;
using Microsoft.Extensions.AI;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Llm;

/// <summary>One structured-output call: the finish reason checked before anything is parsed, then the JSON read.</summary>
public static class LlmJson
{
    /// <summary>The key under which the chat clients put the provider's own finish reason (e.g. MAX_TOKENS, SAFETY).</summary>
    public const string RawFinishReason = "raw_finish_reason";

    /// <summary>
    /// Asks <paramref name="client"/> and returns the answer's JSON object and the model that wrote it. An answer cut
    /// off at the token limit or stopped by a safety filter is a permanent failure (the same request would end the
    /// same way), never half a JSON document to parse; an answer that is not JSON is transient (models vary).
    /// </summary>
    public static async Task<(JsonElement Json, string? Model)> CompleteAsync(
        IChatClient client, string provider, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetResponseAsync(messages, options, cancellationToken);
        var raw = response.AdditionalProperties?.TryGetValue(RawFinishReason, out var r) == true ? r?.ToString() : null;
        if (response.FinishReason == ChatFinishReason.Length)
        {
            throw new PermanentProspectException(
                $"{provider}: the answer was cut off at the token limit ({raw ?? "length"}); raise max_tokens in the provider's api_configurations row");
        }

        if (response.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw new PermanentProspectException($"{provider}: the answer was blocked by the provider's content filter ({raw ?? "content_filter"})");
        }

        var text = StripFences(response.Text);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new TransientProspectException($"{provider}: the model answered a JSON {doc.RootElement.ValueKind}, not an object");
            }

            return (doc.RootElement.Clone(), response.ModelId);
        }
        catch (JsonException ex)
        {
            throw new TransientProspectException($"{provider}: the model's answer was not valid JSON ({ex.Message})", ex);
        }
    }

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    /// <summary>A string-array property (non-strings and blanks dropped), or empty.</summary>
    public static List<string> Strings(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0)]
            : [];

    // Models without schema support like to wrap JSON in a markdown fence.
    private static string StripFences(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("```", StringComparison.Ordinal))
        {
            return t;
        }

        var firstLine = t.IndexOf('\n', StringComparison.Ordinal);
        var end = t.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine > 0 && end > firstLine ? t[(firstLine + 1)..end].Trim() : t;
    }
}
