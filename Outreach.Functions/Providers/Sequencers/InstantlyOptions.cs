namespace Outreach.Functions.Providers.Sequencers;

/// <summary>Instantly API v2: <c>POST /api/v2/leads/add</c> takes 1–1000 leads, Bearer key.</summary>
public sealed class InstantlyOptions : SequencerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sequencers:Instantly";

    /// <summary>Instantly's API, 1,000 leads per call, 5 calls a second.</summary>
    public InstantlyOptions()
    {
        BaseUrl = "https://api.instantly.ai";
        BatchSize = MaxBatchSize;
        RequestsPerSecond = 5;
    }

    /// <inheritdoc />
    public override int MaxBatchSize => 1000;
}
