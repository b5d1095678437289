using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>
/// A receiver added through the API. Its signing secret is not stored: <see cref="SecretSetting"/> names the app
/// setting (or Key Vault reference) that holds the Standard Webhooks <c>whsec_…</c> secret, as api_configurations
/// names a provider's key. Receivers can also be configured in settings only (<c>Webhooks__Endpoints__N__*</c>).
/// </summary>
public sealed class WebhookEndpoint : Entity
{
    private WebhookEndpoint()
    {
    }

    /// <summary>A receiver at <paramref name="url"/> signed with the secret in the setting <paramref name="secretSetting"/>.</summary>
    public WebhookEndpoint(string url, string secretSetting, string? description, DateTimeOffset now)
        : base(now)
    {
        Url = CheckUrl(url);
        SecretSetting = Guard.Required(secretSetting, nameof(secretSetting), 200);
        if (SecretSetting.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '-' or '.')))
        {
            throw new DomainValidationException($"secretSetting '{SecretSetting}' is not a setting name (letters, digits, _ : - .).");
        }

        Description = Guard.Optional(description, nameof(description), 500);
    }

    /// <summary>Where events are POSTed.</summary>
    public string Url { get; private set; } = null!;

    /// <summary>The app setting that holds the signing secret.</summary>
    public string SecretSetting { get; private set; } = null!;

    public string? Description { get; private set; }

    /// <summary><paramref name="url"/> if it is an absolute http(s) URL without credentials; the reason otherwise.</summary>
    public static string CheckUrl(string? url)
    {
        var text = Guard.Required(url, "url", 2000);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.AbsoluteUri
            : throw new DomainValidationException($"url '{text}' must be an absolute https:// (or http://) URL without a user name or password.");
    }
}
