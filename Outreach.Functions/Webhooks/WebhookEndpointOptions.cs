namespace Outreach.Functions.Webhooks;

/// <summary>One receiver configured in settings: <c>Webhooks__Endpoints__N__Url</c> and <c>__Secret</c> (a Standard Webhooks <c>whsec_…</c> secret).</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>Where events are POSTed.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The signing secret, <c>whsec_</c> and base64; a Key Vault reference in Azure.</summary>
    public string Secret { get; set; } = string.Empty;
}
