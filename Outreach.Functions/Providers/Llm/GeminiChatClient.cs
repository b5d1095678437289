using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Gemini's <c>POST {BaseUrl}/models/{model}:generateContent</c> as an <see cref="IChatClient"/>, with the key in
/// the <c>x-goog-api-key</c> header (never the URL). Structured output goes as <c>responseMimeType:
/// application/json</c> with a <c>responseSchema</c> (Gemini's OpenAPI subset, converted from the JSON schema).
/// <c>finishReason</c> MAX_TOKENS maps to <see cref="ChatFinishReason.Length"/>, and SAFETY and the other blocking
/// reasons (and a blocked prompt) to <see cref="ChatFinishReason.ContentFilter"/>, so callers fail them instead of
/// parsing half an answer. A 429's <c>google.rpc.RetryInfo</c> delay is honoured by the retry pipeline.
/// </summary>
public sealed class GeminiChatClient(HttpClient http, IOptionsMonitor<GeminiOptions> providerOptions, ProviderSettingsStore settings) : ProviderChatClient(http)
{
    /// <summary>Who this provider is: its api_configurations name, display name, settings section and retry mode.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("gemini", "Gemini", GeminiOptions.SectionName, RetryMode.RejectedOnly);

    private static string Name => Descriptor.DisplayName;


    private static readonly HashSet<string> Blocked = new(StringComparer.Ordinal)
    {
        "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE", "OTHER",
    };

    /// <inheritdoc />
    protected override string ProviderName => Descriptor.Id;

    /// <inheritdoc />
    protected override string DefaultModel => providerOptions.CurrentValue.Model;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var effective = await settings.GetUsableAsync(Descriptor, cancellationToken);

        var model = options?.ModelId ?? effective.Model ?? DefaultModel;
        var list = messages.ToList();
        var system = string.Join("\n\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var body = new JsonObject
        {
            ["contents"] = new JsonArray([.. list.Where(m => m.Role != ChatRole.System).Select(m => (JsonNode)new JsonObject
            {
                ["role"] = m.Role == ChatRole.Assistant ? "model" : "user",
                ["parts"] = new JsonArray(new JsonObject { ["text"] = m.Text }),
            })]),
        };
        if (system.Length > 0)
        {
            body["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) };
        }

        var generation = new JsonObject();
        if (options?.Temperature is { } temperature)
        {
            generation["temperature"] = temperature;
        }

        if (options?.MaxOutputTokens is { } maxTokens)
        {
            generation["maxOutputTokens"] = maxTokens;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            generation["responseMimeType"] = "application/json";
            if (json.Schema is { } schema)
            {
                generation["responseSchema"] = ToGeminiSchema(JsonNode.Parse(schema.GetRawText())!);
            }
        }

        body["generationConfig"] = generation;
        var path = $"models/{Uri.EscapeDataString(model.StartsWith("models/", StringComparison.Ordinal) ? model[7..] : model)}:generateContent";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("x-goog-api-key", effective.ApiKey);
        using var doc = await SendAsync(request, Name, notFound: $"no model named {model}", cancellationToken);
        return Parse(doc.RootElement, model);
    }

    /// <summary>
    /// JSON schema → Gemini's schema: upper-case types, no <c>additionalProperties</c> (which it rejects), and
    /// <c>propertyOrdering</c> so the fields come back in the order the schema lists them.
    /// </summary>
    internal static JsonNode ToGeminiSchema(JsonNode schema)
    {
        var result = new JsonObject();
        if (schema is not JsonObject obj)
        {
            return result;
        }

        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "type" when value is JsonValue v && v.TryGetValue<string>(out var type):
                    result["type"] = type.ToUpperInvariant();
                    break;
                case "properties" when value is JsonObject properties:
                    var converted = new JsonObject();
                    foreach (var (name, property) in properties)
                    {
                        converted[name] = property is null ? new JsonObject() : ToGeminiSchema(property);
                    }

                    result["properties"] = converted;
                    result["propertyOrdering"] = new JsonArray([.. properties.Select(p => (JsonNode)JsonValue.Create(p.Key))]);
                    break;
                case "items" when value is not null:
                    result["items"] = ToGeminiSchema(value);
                    break;
                case "required" or "enum" or "description" or "minimum" or "maximum" or "minItems" or "maxItems" or "nullable" or "format" when value is not null:
                    result[key] = value.DeepClone();
                    break;
            }
        }

        return result;
    }

    private static ChatResponse Parse(JsonElement root, string model)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TransientProspectException($"{Name}: unexpected response shape");
        }

        if (root.TryGetProperty("promptFeedback", out var feedback) && feedback.TryGetProperty("blockReason", out var blockReason))
        {
            return Finished(string.Empty, ChatFinishReason.ContentFilter, $"prompt blocked: {blockReason.GetString()}", model);
        }

        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            throw new TransientProspectException($"{Name}: the answer had no candidates");
        }

        var candidate = candidates[0];
        var reason = candidate.TryGetProperty("finishReason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = new StringBuilder();
        if (candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                // Thinking models return their thoughts as parts marked thought:true; only the answer counts.
                if (part.TryGetProperty("text", out var t) && !(part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True))
                {
                    text.Append(t.GetString());
                }
            }
        }

        var finish = reason switch
        {
            null or "STOP" => ChatFinishReason.Stop,
            "MAX_TOKENS" => ChatFinishReason.Length,
            _ when Blocked.Contains(reason) => ChatFinishReason.ContentFilter,
            _ => new ChatFinishReason(reason),
        };
        var modelVersion = root.TryGetProperty("modelVersion", out var mv) && mv.ValueKind == JsonValueKind.String ? mv.GetString() : null;
        var response = Finished(text.ToString(), finish, reason, modelVersion ?? model);
        if (root.TryGetProperty("usageMetadata", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = usage.TryGetProperty("promptTokenCount", out var p) && p.TryGetInt64(out var pi) ? pi : null,
                OutputTokenCount = usage.TryGetProperty("candidatesTokenCount", out var o) && o.TryGetInt64(out var oi) ? oi : null,
            };
        }

        return response;
    }

    private static ChatResponse Finished(string text, ChatFinishReason finish, string? raw, string model) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = finish,
            ModelId = model,
            AdditionalProperties = new() { [LlmJson.RawFinishReason] = raw },
        };
}
