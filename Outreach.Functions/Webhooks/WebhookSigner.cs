using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Webhooks;

/// <summary>
/// Standard Webhooks signing: the signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the signature
/// <c>v1,</c> + base64(HMAC-SHA256(secret, content)), the secret the base64 bytes after <c>whsec_</c>.
/// </summary>
public static class WebhookSigner
{
    /// <summary>The prefix of a Standard Webhooks secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The key bytes of <paramref name="secret"/>; a secret of the wrong shape is refused saying what it must be.</summary>
    public static byte[] KeyOf(string? secret)
    {
        var text = secret?.Trim() ?? string.Empty;
        if (!text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            throw new DomainValidationException("the secret must be a Standard Webhooks secret: whsec_ followed by base64 (24 to 64 random bytes).");
        }

        try
        {
            var key = Convert.FromBase64String(text[SecretPrefix.Length..]);
            return key.Length is >= 24 and <= 64 ? key : throw new DomainValidationException($"the secret holds {key.Length} bytes; use 24 to 64 random bytes after whsec_.");
        }
        catch (FormatException)
        {
            throw new DomainValidationException("the secret is not base64 after whsec_.");
        }
    }

    /// <summary>The <c>webhook-signature</c> header value for one attempt.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content));
    }

    /// <summary>A new random secret (for people setting up a receiver).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
