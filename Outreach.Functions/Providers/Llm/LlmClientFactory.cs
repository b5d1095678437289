using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> of a language-model provider from the official SDKs — the OpenAI .NET SDK
/// for OpenAI, OpenRouter, Gemini and any compatible base URL; Azure.AI.OpenAI with a <see cref="TokenCredential"/>
/// (no key) for Azure OpenAI — both through Microsoft.Extensions.AI. Every SDK sends through the provider's own
/// HttpClient, so the rate limit, retries, circuit breaker, attempt timeout and error mapping
/// (<see cref="LlmResponseHandler"/>) are the same as for every other provider; the SDKs' own retries are off so a
/// call is never retried twice over.
/// </summary>
public sealed class LlmClientFactory(IHttpClientFactory httpClients, IServiceProvider services)
{
    // Longer than any attempt timeout in the HttpClient pipeline, which is the one that decides.
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The chat client for <paramref name="provider"/> with its effective settings (model, key).</summary>
    public IChatClient Create(ProviderDescriptor provider, EffectiveProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(settings);
        var options = OptionsOf(provider);
        var model = settings.Model ?? options.Model;
        var transport = new HttpClientPipelineTransport(httpClients.CreateClient(provider.Id));
        if (provider.Keyless)
        {
            var azure = new AzureOpenAIClient(
                new Uri(options.BaseUrl),
                services.GetRequiredService<TokenCredential>(),
                new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = NetworkTimeout });
            return azure.GetChatClient(model).AsIChatClient();
        }

        var client = new ChatClient(
            model,
            new ApiKeyCredential(settings.ApiKey ?? throw new InvalidOperationException($"{provider.DisplayName} has no key ({provider.KeySetting}).")),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(options.BaseUrl.TrimEnd('/') + "/"),
                Transport = transport,
                RetryPolicy = new ClientRetryPolicy(0),
                NetworkTimeout = NetworkTimeout,
                UserAgentApplicationId = "Outreach",
            });
        return client.AsIChatClient();
    }

    /// <summary>The provider's settings (endpoint, default model), as registered under its id.</summary>
    public LlmOptions OptionsOf(ProviderDescriptor provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return services.GetKeyedService<ProviderOptions>(provider.Id) as LlmOptions
            ?? throw new ArgumentException($"'{provider.Id}' is not a language-model provider.", nameof(provider));
    }
}
