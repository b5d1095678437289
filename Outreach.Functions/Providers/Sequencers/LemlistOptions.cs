namespace Outreach.Functions.Providers.Sequencers;

/// <summary>lemlist: one lead per <c>POST /api/campaigns/{id}/leads/{email}</c>, Basic auth with the key as password; 20 requests per 2 seconds.</summary>
public sealed class LemlistOptions : SequencerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Sequencers:Lemlist";

    /// <summary>lemlist's API at 8 calls a second.</summary>
    public LemlistOptions()
    {
        BaseUrl = "https://api.lemlist.com";
        BatchSize = MaxBatchSize;
        RequestsPerSecond = 8;
    }

    /// <inheritdoc />
    public override int MaxBatchSize => 1;
}
