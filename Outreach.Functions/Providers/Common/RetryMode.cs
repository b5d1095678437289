namespace Outreach.Functions.Providers.Common;

/// <summary>Which failed attempts the HttpClient pipeline may repeat.</summary>
public enum RetryMode
{
    /// <summary>A read (GET): repeat on 408, 429, 5xx, timeouts and transport errors.</summary>
    Idempotent,

    /// <summary>A POST the provider may have processed (and billed): repeat only when it was refused unprocessed (429).</summary>
    RejectedOnly,
}
