namespace Outreach.Functions.Application.Webhooks;

/// <summary>A receiver as the API shows it: never its secret, only whether the secret is set.</summary>
public sealed record WebhookView(string Key, Guid? Id, string Url, string Source, string? SecretSetting, bool SecretSet, string? Description);
