using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// What the provider chat clients share: structured output is only useful whole, so streaming callers get the one
/// answer replayed as updates; metadata names the provider; the HttpClient belongs to the factory, so there is
/// nothing to dispose.
/// </summary>
/// <param name="http">The provider's typed HttpClient (base URL, resilience pipeline).</param>
public abstract class ProviderChatClient(HttpClient http) : IChatClient
{
    /// <summary>The typed HttpClient.</summary>
    protected HttpClient Http => http;

    /// <summary>The api_configurations provider name, reported in the metadata.</summary>
    protected abstract string ProviderName { get; }

    /// <summary>The model used when neither the request nor an api_configurations row names one.</summary>
    protected abstract string DefaultModel { get; }

    /// <inheritdoc />
    public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName, http.BaseAddress, DefaultModel)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Nothing to release: the HttpClient belongs to the factory.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Sends the request and reads the answer as a JSON document, failures mapped as for every provider.</summary>
    protected async Task<JsonDocument> SendAsync(HttpRequestMessage request, string displayName, string notFound, CancellationToken cancellationToken)
    {
        using var response = await ProviderHttp.SendAsync(http, request, displayName, cancellationToken);
        await ProviderErrors.ThrowIfFailedAsync(displayName, response, cancellationToken, notFound);
        return await ProviderHttp.ReadJsonAsync<JsonDocument>(response, displayName, JsonSerializerOptions.Default, cancellationToken);
    }
}
