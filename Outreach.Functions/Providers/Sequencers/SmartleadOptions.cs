namespace Outreach.Functions.Providers.Sequencers;

/// <summary>Smartlead API v1: <c>POST /api/v1/campaigns/{id}/leads?api_key=</c> takes up to 400 leads; 10 requests per 2 seconds.</summary>
public sealed class SmartleadOptions : SequencerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sequencers:Smartlead";

    /// <summary>Smartlead's API, 400 leads per call, 4 calls a second.</summary>
    public SmartleadOptions()
    {
        BaseUrl = "https://server.smartlead.ai";
        BatchSize = MaxBatchSize;
        RequestsPerSecond = 4;
    }

    /// <inheritdoc />
    public override int MaxBatchSize => 400;
}
