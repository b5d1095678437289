using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;
using Outreach.Functions.Providers.Common;

namespace Outreach.Functions.Providers.Sequencers;

/// <summary>
/// What the sequencer clients share on top of every REST provider's call: who they are, how many leads one call
/// carries (the setting, never over the sequencer's documented limit), the key's setting for messages, and the JSON
/// conventions of the snake_case APIs.
/// </summary>
/// <param name="http">The typed HttpClient (base URL, resilience pipeline, address guard).</param>
/// <param name="store">Where the key is read.</param>
/// <param name="descriptor">Who the sequencer is.</param>
/// <param name="options">Its settings when the client was made (clients are transient).</param>
public abstract class SequencerClient(HttpClient http, ProviderSettingsStore store, ProviderDescriptor descriptor, SequencerOptions options)
    : ProviderRestClient(http, store, descriptor), ISequencerClient
{
    /// <summary>JSON for APIs whose fields are snake_case (Instantly, Smartlead).</summary>
    protected static JsonSerializerOptions SnakeCase { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <inheritdoc />
    public abstract PushTarget Target { get; }

    /// <inheritdoc />
    public int BatchLimit => Math.Min(options.BatchSize, options.MaxBatchSize);

    /// <inheritdoc />
    public string KeySetting { get; } = descriptor.KeySetting;

    /// <inheritdoc />
    public abstract Task<IReadOnlyList<LeadResult>> PushAsync(string campaign, IReadOnlyList<SequencerLead> leads, CancellationToken cancellationToken);

    /// <summary>The lead's custom variables with its job title, for sequencers that have no title field of their own in a bulk import.</summary>
    protected static Dictionary<string, string> VariablesWithTitle(SequencerLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new Dictionary<string, string>(lead.Variables()) { ["job_title"] = lead.Title ?? string.Empty };
    }
}
