using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>A valid structured answer, the model that wrote it and the tokens every attempt cost.</summary>
/// <typeparam name="T">The answer's record.</typeparam>
public sealed record StructuredAnswer<T>(T Answer, string? Model, TokenUsage Usage);

/// <summary>
/// Asks a model for an answer of a C# record (<c>GetResponseAsync&lt;T&gt;</c>: the JSON schema is the record's, sent
/// strict) and takes nothing on trust: an answer cut off at the token limit or blocked by a content filter fails the
/// prospect (the same request would end the same way); an answer that lacks a required field, has a value out of
/// range or fails the caller's checks is sent back once with the reasons, and a second such answer fails the prospect
/// with them — never a silent default.
/// </summary>
public static class StructuredOutput
{
    /// <summary>How answers are read: snake_case names, every constructor parameter required, no null where the record says non-null.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>Asks for a <typeparamref name="T"/>, regenerating once with the reasons when the answer is invalid.</summary>
    /// <param name="choice">The model.</param>
    /// <param name="budget">The per-batch call budget, charged per attempt.</param>
    /// <param name="batchId">The batch that pays.</param>
    /// <param name="messages">The conversation; the rejected answer and the reasons are appended to it.</param>
    /// <param name="options">The chat options (<see cref="LlmChoice.Options"/>).</param>
    /// <param name="problemsOf">What is wrong with a parsed answer; empty when it is acceptable.</param>
    /// <param name="what">What is asked for, for the failure message ("analysis", "email").</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<StructuredAnswer<T>> AskAsync<T>(
        LlmChoice choice, ProviderBudget budget, Guid batchId, IList<ChatMessage> messages, ChatOptions options,
        Func<T, IReadOnlyList<string>> problemsOf, string what, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(problemsOf);
        var client = choice.Client ?? throw new InvalidOperationException("The template has no model to ask.");
        var usage = TokenUsage.None;
        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await budget.SpendAsync(batchId, choice.DisplayName, cancellationToken);
            var response = await client.GetResponseAsync<T>(messages, Json, options, useJsonSchemaResponseFormat: true, cancellationToken);
            usage += new TokenUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            ThrowIfUnfinished(choice, response);
            T? answer = null;
            try
            {
                answer = response.Result;
                problems = problemsOf(answer);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                problems = [Describe(ex)];
            }

            if (problems.Count == 0)
            {
                return new StructuredAnswer<T>(answer!, response.ModelId, usage);
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            messages.Add(new ChatMessage(ChatRole.User,
                $"Your answer was rejected because {string.Join("; ", problems)}. Answer again in the required JSON shape, stating only facts from the FACTS and keeping within the limits."));
        }

        throw new PermanentProspectException($"{choice.DisplayName}: the {what} was rejected twice: {string.Join("; ", problems)}");
    }

    private static void ThrowIfUnfinished(LlmChoice choice, ChatResponse response)
    {
        if (response.FinishReason == ChatFinishReason.Length)
        {
            throw new PermanentProspectException(
                $"{choice.DisplayName}: the answer was cut off at the token limit (length); raise max_tokens in the provider's api_configurations row");
        }

        if (response.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw new PermanentProspectException($"{choice.DisplayName}: the answer was blocked by the provider's content filter (content_filter)");
        }
    }

    // The serializer names the record's CLR type; the model (and the person reading the failure) needs the field.
    private static string Describe(Exception ex)
    {
        const string Missing = "was missing required properties including: ";
        var message = ex.Message;
        var at = message.IndexOf(Missing, StringComparison.Ordinal);
        if (at >= 0)
        {
            return $"the answer lacks the required field(s) {message[(at + Missing.Length)..].TrimEnd('.')}";
        }

        return ex switch
        {
            JsonException { Path: { } path } => $"the answer's {path.TrimStart('$', '.')} is not of the required type or is null",
            _ => $"the answer is not the required JSON ({ex.Message})",
        };
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        json.MakeReadOnly();
        return json;
    }
}
