using Outreach.Domain.Enums;

namespace Outreach.Functions.Contracts;

/// <summary>
/// A sequencer's lead import: one call takes up to <see cref="BatchLimit"/> leads into one of its campaigns and
/// says what became of each. A whole-call failure throws <see cref="TransientProspectException"/> (429, 5xx, cut-off
/// answers: worth trying the same leads again — the sequencers skip a lead already in the campaign) or
/// <see cref="PermanentProspectException"/> (refused key, unknown campaign).
/// </summary>
public interface ISequencerClient
{
    /// <summary>Which sequencer this is.</summary>
    PushTarget Target { get; }

    /// <summary>The most leads one call may carry (the sequencer's documented limit).</summary>
    int BatchLimit { get; }

    /// <summary>The setting that holds the key, for messages.</summary>
    string KeySetting { get; }

    /// <summary>Whether a key is configured.</summary>
    Task<bool> IsConfiguredAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="leads"/> to the sequencer's campaign <paramref name="campaign"/>.</summary>
    Task<IReadOnlyList<LeadResult>> PushAsync(string campaign, IReadOnlyList<SequencerLead> leads, CancellationToken cancellationToken);
}
