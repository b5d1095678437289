namespace Outreach.Functions.Application.Webhooks;

/// <summary>The body of <c>POST /api/webhooks</c>: the receiver's URL, the app setting holding its <c>whsec_…</c> secret, a description.</summary>
public sealed record WebhookRequest(string? Url, string? SecretSetting, string? Description = null);
