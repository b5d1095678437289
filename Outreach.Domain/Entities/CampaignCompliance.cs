using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>What a campaign needs to be lawful to send: its footer template and where a recipient opts out.</summary>
public sealed record CampaignCompliance(string? Footer, string? Unsubscribe)
{
    /// <summary>
    /// <paramref name="value"/> as an opt-out target — <c>mailto:</c> with one valid address, or an absolute <c>https://</c>
    /// URL — trimmed; anything else is refused saying what to give.
    /// </summary>
    public static string CheckUnsubscribe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            var address = text["mailto:".Length..].Split('?')[0];
            return EmailAddress.Problem(address) is null
                ? $"mailto:{text["mailto:".Length..]}"
                : throw new DomainValidationException($"unsubscribe '{value}' does not hold a valid address after mailto:.");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && text.Length <= 2048
            ? uri.ToString()
            : throw new DomainValidationException($"unsubscribe '{value}' is not a mailto: address or an https:// URL.");
    }

    /// <summary>
    /// Why a campaign's emails may not be pushed to a sequencer yet (CAN-SPAM: every commercial email carries the
    /// sender's postal address and a working opt-out), or null when they may.
    /// </summary>
    public string? MissingForSending(string campaign) =>
        (string.IsNullOrWhiteSpace(Footer), string.IsNullOrWhiteSpace(Unsubscribe)) switch
        {
            (true, true) => $"Campaign '{campaign}' has no footer and no opt-out address: give it a footer (the sender's postal address and an opt-out sentence) and an unsubscribe target (mailto: or https://) before pushing.",
            (true, false) => $"Campaign '{campaign}' has no footer: give it one with the sender's postal address and an opt-out sentence before pushing.",
            (false, true) => $"Campaign '{campaign}' has no opt-out address: give it an unsubscribe target (mailto: or https://) before pushing.",
            _ => null,
        };

    /// <summary>The List-Unsubscribe header value (RFC 2369) for <paramref name="unsubscribe"/>: the target in angle brackets.</summary>
    public static string? ListUnsubscribe(string? unsubscribe) => unsubscribe is null ? null : $"<{unsubscribe}>";
}
