using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Reads;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers;
using Outreach.Functions.Providers.Common;
using Outreach.Functions.Providers.Llm;

namespace Outreach.Functions.Application;

/// <summary>
/// The providers' settings as the API shows them: one view per known provider, from its api_configurations row read in
/// plain SQL (<see cref="ProviderReads"/>) or the defaults when it has none, with whether its key setting is set (never
/// the key) and its configured rate and default model. Apart from <see cref="ProviderCatalog"/>, which writes through EF
/// Core, so a process that only reads never builds EF's context pool.
/// </summary>
public sealed class ProviderQueries(ProviderReads reads, IConfiguration configuration, IServiceProvider services)
{
    /// <summary>The providers this app knows, with the setting that holds each key by default.</summary>
    public static IReadOnlyDictionary<string, string> Known { get; } =
        ProviderRegistration.Descriptors.ToDictionary(d => d.Id, d => d.KeySetting, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known provider.</summary>
    public async Task<IReadOnlyList<ProviderView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await reads.AllAsync(cancellationToken);
        return [.. Known.Keys.Select(p => View(p, rows.GetValueOrDefault(p)))];
    }

    /// <summary>One provider; a 404 for an unknown name.</summary>
    public async Task<ProviderView> GetAsync(string provider, CancellationToken cancellationToken)
    {
        var name = KnownName(provider);
        return View(name, await reads.GetAsync(name, cancellationToken));
    }

    /// <summary>The provider's name as stored (lower case); a 404 naming the known ones for any other.</summary>
    internal static string KnownName(string provider) =>
        Known.ContainsKey(provider ?? string.Empty)
            ? provider!.ToLowerInvariant()
            : throw new ApiProblemException(404, $"No provider named '{provider}'; known: {string.Join(", ", Known.Keys)}.");

    private ProviderView View(string provider, ProviderRow? row)
    {
        var secret = row?.SecretSetting ?? Known[provider];
        var keySet = !string.IsNullOrWhiteSpace(SecretSetting.Read(configuration, secret));
        // A keyless provider (Azure OpenAI) signs in as the app's identity: there is no key to be set.
        var keyless = ProviderRegistration.Descriptors.Single(d => d.Id == provider).Keyless;
        var options = services.GetKeyedService<ProviderOptions>(provider);
        var defaultModel = options is LlmOptions { Model.Length: > 0 } llm ? llm.Model : null;
        return row is null
            ? new ProviderView(provider, true, null, null, null, new Dictionary<string, string>(), secret, keySet, Stored: false, keyless, options?.RequestsPerSecond, defaultModel)
            : new ProviderView(
                provider, row.Enabled, row.Model, row.Temperature, row.MaxTokens, row.PromptTemplates, secret, keySet, Stored: true, keyless, options?.RequestsPerSecond, defaultModel);
    }
}
