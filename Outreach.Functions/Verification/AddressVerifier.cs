using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;
using MimeKit;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;

namespace Outreach.Functions.Verification;

/// <summary>
/// Classifies a prospect's address before anything is spent on it: the syntax by MimeKit's parser; the domain by
/// its MX records (DnsClient, one lookup per domain, cached, with a timeout); then what kind of mailbox it is —
/// disposable (a shipped list), a role account (<c>info@</c>), free-mail. A domain that does not exist, publishes
/// no MX or the null MX (RFC 7505) is INVALID; a DNS server that does not answer, refuses or fails makes the
/// address UNKNOWN — never a rejection, so a DNS outage cannot drop anyone.
/// </summary>
public sealed class AddressVerifier
{
    private static readonly ParserOptions Strict = new() { AllowAddressesWithoutDomain = false, AllowUnquotedCommasInAddresses = false };

    private readonly IOptionsMonitor<VerificationOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<AddressVerdict?> Answer)> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<LookupClient?> _dns;

    /// <summary>A verifier with its own DNS client and domain cache (one per process).</summary>
    public AddressVerifier(IOptionsMonitor<VerificationOptions> options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _dns = new Lazy<LookupClient?>(CreateClient);
    }

    /// <summary>The verdict on <paramref name="email"/>.</summary>
    public async Task<AddressVerdict> VerifyAsync(string email, CancellationToken cancellationToken)
    {
        var text = (email ?? string.Empty).Trim();
        if (!MailboxAddress.TryParse(Strict, text, out var mailbox) || !string.Equals(mailbox.Address, text, StringComparison.OrdinalIgnoreCase)
            || mailbox.Address.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == mailbox.Address.Length - 1)
            || !mailbox.Address[(at + 1)..].Contains('.', StringComparison.Ordinal))
        {
            return new AddressVerdict(EmailVerification.Invalid, "not a valid email address");
        }

        var local = mailbox.LocalPart;
        var domain = mailbox.Domain.TrimEnd('.').ToLowerInvariant();

        // A definite "no mail here" wins; what kind of mailbox it is needs no DNS; DNS trouble alone leaves it UNKNOWN.
        var dns = await DomainAsync(domain, cancellationToken);
        if (dns is { Status: EmailVerification.Invalid })
        {
            return dns;
        }

        return MailDomains.IsDisposable(domain) ? new AddressVerdict(EmailVerification.Risky, $"disposable mailbox domain ({domain})")
            : MailDomains.IsRole(local) ? new AddressVerdict(EmailVerification.Risky, $"role account ({local.Split('+')[0].ToLowerInvariant()}@), read by a team rather than a person")
            : MailDomains.IsFreeMail(domain) ? new AddressVerdict(EmailVerification.Risky, $"free-mail address ({domain}), not a company one")
            : dns ?? new AddressVerdict(EmailVerification.Valid, $"{domain} accepts mail (MX)");
    }

    // Null when the domain accepts mail; a verdict (INVALID or UNKNOWN) when it does not or cannot be told.
    private async Task<AddressVerdict?> DomainAsync(string domain, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var ttl = TimeSpan.FromMinutes(_options.CurrentValue.CacheMinutes);

        // A fresh entry is reused; otherwise one lookup per domain at a time, which concurrent prospects of one company share.
        var lookup = _domains.AddOrUpdate(
            domain,
            d => (now, LookUpAsync(d, cancellationToken)),
            (d, old) => now - old.At < ttl ? old : (now, LookUpAsync(d, cancellationToken))).Answer;
        var verdict = await lookup;
        if (verdict?.Status == EmailVerification.Unknown)
        {
            // DNS trouble is not an answer: ask again next time.
            _domains.TryRemove(domain, out _);
        }

        return verdict;
    }

    private async Task<AddressVerdict?> LookUpAsync(string domain, CancellationToken cancellationToken)
    {
        var dns = _dns.Value;
        if (dns is null)
        {
            return new AddressVerdict(EmailVerification.Unknown, "no DNS server is configured (Verification__DnsServers) or found on this machine");
        }

        IDnsQueryResponse response;
        try
        {
            response = await dns.QueryAsync(domain, QueryType.MX, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException ex)
        {
            return new AddressVerdict(EmailVerification.Unknown, $"DNS did not answer for {domain} ({ex.Code})");
        }

        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return new AddressVerdict(EmailVerification.Invalid, $"the domain {domain} does not exist");
        }

        if (response.HasError)
        {
            return new AddressVerdict(EmailVerification.Unknown, $"DNS could not answer for {domain} ({response.Header.ResponseCode})");
        }

        var exchanges = response.Answers.MxRecords().ToList();
        if (exchanges.Count == 0)
        {
            return new AddressVerdict(EmailVerification.Invalid, $"the domain {domain} has no MX record, so it receives no mail");
        }

        return exchanges.All(mx => IsNull(mx))
            ? new AddressVerdict(EmailVerification.Invalid, $"the domain {domain} accepts no mail (null MX)")
            : null;
    }

    private static bool IsNull(MxRecord mx) => mx.Exchange.Value is "." or "";

    private LookupClient? CreateClient()
    {
        var o = _options.CurrentValue;
        var servers = o.DnsServers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseServer).ToList();
        try
        {
            var options = servers.Count > 0 ? new LookupClientOptions([.. servers]) : new LookupClientOptions();
            options.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
            options.Retries = 1;
            options.UseCache = false;
            options.ThrowDnsErrors = false;
            options.ContinueOnDnsError = false;
            options.UseTcpFallback = true;
            return new LookupClient(options);
        }
        catch (InvalidOperationException)
        {
            // No resolver configured on the machine.
            return null;
        }
    }

    private static NameServer ParseServer(string text)
    {
        if (IPEndPoint.TryParse(text, out var endpoint))
        {
            return new NameServer(endpoint.Address, endpoint.Port == 0 ? NameServer.DefaultPort : endpoint.Port);
        }

        throw new InvalidOperationException($"Verification__DnsServers: '{text}' is not an IP address with an optional port.");
    }
}
