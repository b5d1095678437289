using Microsoft.Extensions.Options;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Llm;

/// <summary>
/// Picks the model per <c>Providers__Llm</c>: <c>auto</c> takes the first configured and enabled provider of
/// <see cref="LlmProviders.All"/> (Azure OpenAI with an endpoint; OpenAI, OpenRouter, Gemini with a key), else the
/// template; naming a provider that is not configured also falls back to the template, with the reason, so a missing
/// key never turns into failed prospects.
/// </summary>
public sealed class LlmSelector(LlmClientFactory clients, ProviderSettingsStore settings, IOptionsMonitor<ProviderPolicyOptions> policy)
{
    /// <summary>The model to use now.</summary>
    public async Task<LlmChoice> ChooseAsync(CancellationToken cancellationToken)
    {
        var wanted = policy.CurrentValue.Llm;
        if (wanted == "template")
        {
            return new LlmChoice(null, null, null, null, "Providers__Llm is 'template'");
        }

        var named = LlmProviders.Find(wanted);
        foreach (var provider in named is null ? LlmProviders.All : [named])
        {
            var effective = await settings.GetAsync(provider, cancellationToken);
            var options = clients.OptionsOf(provider);
            if (effective.IsUsable && !string.IsNullOrWhiteSpace(options.BaseUrl))
            {
                var how = provider.Keyless ? "signed in as the app's identity, no key" : "its key is set";
                return new LlmChoice(
                    provider, clients.Create(provider, effective), effective, effective.Model ?? options.Model, $"Providers__Llm={wanted}, {provider.ConfiguredBy} is set ({how})");
            }
        }

        return new LlmChoice(null, null, null, null, named is null
            ? $"Providers__Llm=auto and no language model is configured (set one of {string.Join(", ", LlmProviders.All.Select(p => p.ConfiguredBy))})"
            : $"Providers__Llm={wanted} but {named.DisplayName} is not configured ({named.ConfiguredBy}) or its api_configurations row is disabled");
    }
}
