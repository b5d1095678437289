namespace Outreach.Functions.Providers.Sequencers;

/// <summary>The <c>Sequencers</c> section's own settings.</summary>
public sealed class SequencerNetworkOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sequencers";

    /// <summary>Whether a sequencer base URL may resolve to a private or loopback address (local tests against fakes only).</summary>
    public bool AllowPrivateAddresses { get; set; }
}
