using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// OpenRouter's OpenAI-compatible <c>POST {BaseUrl}/chat/completions</c> as an <see cref="IChatClient"/>. Any base
/// URL works, so a local OpenAI-compatible server can stand in. Structured output goes as <c>response_format</c>
/// json_schema with <c>strict</c>, and <c>provider.require_parameters</c> keeps OpenRouter from routing to a model
/// host that would ignore the schema. OpenRouter can answer 200 with an <c>error</c> object (a failure after
/// routing) or a choice whose finish_reason is <c>error</c>; both are failures, mapped by their code.
/// </summary>
public sealed class OpenRouterChatClient(HttpClient http, IOptionsMonitor<OpenRouterOptions> providerOptions, ProviderSettingsStore settings) : ProviderChatClient(http)
{
    /// <summary>Who this provider is: its api_configurations name, display name, settings section and retry mode.</summary>
    public static ProviderDescriptor Descriptor { get; } = new("openrouter", "OpenRouter", OpenRouterOptions.SectionName, RetryMode.RejectedOnly);

    private static string Name => Descriptor.DisplayName;


    /// <inheritdoc />
    protected override string ProviderName => Descriptor.Id;

    /// <inheritdoc />
    protected override string DefaultModel => providerOptions.CurrentValue.Model;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var effective = await settings.GetUsableAsync(Descriptor, cancellationToken);

        var body = new JsonObject
        {
            ["model"] = options?.ModelId ?? effective.Model ?? DefaultModel,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text })]),
            ["provider"] = new JsonObject { ["require_parameters"] = true },
        };
        if (options?.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (options?.MaxOutputTokens is { } maxTokens)
        {
            body["max_tokens"] = maxTokens;
        }

        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } json)
        {
            body["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = json.SchemaName ?? "response", ["strict"] = true, ["schema"] = JsonNode.Parse(schema.GetRawText()) },
            };
        }
        else if (options?.ResponseFormat is ChatResponseFormatJson)
        {
            body["response_format"] = new JsonObject { ["type"] = "json_object" };
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", effective.ApiKey);
        request.Headers.Add("X-Title", "Outreach");
        using var doc = await SendAsync(request, Name, notFound: "no such model or endpoint", cancellationToken);
        return Parse(doc.RootElement);
    }

    private static ChatResponse Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TransientProspectException($"{Name}: unexpected response shape");
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw ErrorOf(error);
        }

        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            throw new TransientProspectException($"{Name}: the answer had no choices");
        }

        var choice = choices[0];
        if (choice.TryGetProperty("error", out var choiceError) && choiceError.ValueKind == JsonValueKind.Object)
        {
            throw ErrorOf(choiceError);
        }

        var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (finish == "error")
        {
            throw new TransientProspectException($"{Name}: the model stopped with an error");
        }

        var content = choice.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString() ?? string.Empty
            : string.Empty;
        var result = new ChatResponse(new ChatMessage(ChatRole.Assistant, content))
        {
            FinishReason = finish switch
            {
                null => null,
                "stop" => ChatFinishReason.Stop,
                "length" => ChatFinishReason.Length,
                "content_filter" => ChatFinishReason.ContentFilter,
                "tool_calls" => ChatFinishReason.ToolCalls,
                _ => new ChatFinishReason(finish),
            },
            ModelId = root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null,
            ResponseId = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            AdditionalProperties = new() { [LlmJson.RawFinishReason] = finish },
        };
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            result.Usage = new UsageDetails
            {
                InputTokenCount = usage.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt64(out var pi) ? pi : null,
                OutputTokenCount = usage.TryGetProperty("completion_tokens", out var o) && o.TryGetInt64(out var oi) ? oi : null,
            };
        }

        return result;
    }

    private static Exception ErrorOf(JsonElement error)
    {
        // A code that is not an HTTP status (or none) is a failure after routing: treat it as a bad gateway, worth a retry.
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n is >= 400 and < 600 ? n : 502;
        var reason = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return ProviderErrors.For(Name, code, retryAfter: null, reason);
    }
}
