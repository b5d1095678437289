namespace Outreach.Functions.Webhooks;

/// <summary>A receiver as deliveries see it: its key (<c>settings:N</c> or <c>api:{id}</c>), URL and secret (null when its setting is not set).</summary>
public sealed record WebhookReceiver(string Key, string Url, string? Secret, string Source, Guid? Id = null, string? SecretSetting = null, string? Description = null);
