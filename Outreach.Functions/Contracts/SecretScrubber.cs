using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Outreach.Functions.Contracts;

/// <summary>
/// Takes secrets out of text a provider wrote before it becomes a failure message — and so a prospect's
/// error_message, a log line, a Durable history event or CLI output. Providers echo what they were sent
/// (<c>401 {"error":"Invalid API key provided: Bearer sk-…"}</c>), so no provider text is trusted: every key the app
/// has resolved is replaced, and so is anything shaped like a bearer token, an <c>sk-</c>/<c>AIza</c> key or a
/// <c>key=</c>/<c>api_key=</c> value. The failure exceptions scrub their own messages, so no caller can forget.
/// </summary>
public static partial class SecretScrubber
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Redacted = "[redacted]";

    // Short values would match ordinary words; real keys are long.
    private const int MinSecretLength = 8;

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers a configured secret (an API key) so that any text echoing it is scrubbed.</summary>
    public static void Register(string? secret)
    {
        if (secret is { Length: >= MinSecretLength })
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    /// <summary><paramref name="text"/> without registered secrets or secret-shaped values.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in Secrets.Keys)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        text = BearerToken().Replace(text, "$1" + Redacted);
        text = KeyParameter().Replace(text, "$1" + Redacted);
        return KeyShape().Replace(text, Redacted);
    }

    /// <summary><paramref name="inner"/>, unless its messages carry a secret (failure details keep inner messages too).</summary>
    public static Exception? SafeInner(Exception? inner)
    {
        for (var e = inner; e is not null; e = e.InnerException)
        {
            if (!string.Equals(Scrub(e.Message), e.Message, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return inner;
    }

    [GeneratedRegex(@"(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(\b(?:api[_-]?key|key|access[_-]?token|x-api-key)[""']?\s*[=:]\s*[""']?)[^\s&""',;}]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex KeyParameter();

    [GeneratedRegex(@"\b(?:sk-(?:or-|proj-|ant-)?[A-Za-z0-9_-]{12,}|AIza[0-9A-Za-z_-]{20,})")]
    private static partial Regex KeyShape();
}
