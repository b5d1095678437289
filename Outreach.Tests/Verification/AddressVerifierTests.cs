using Microsoft.Extensions.Options;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Verification;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Verification;

/// <summary>
/// The address check against a real DNS server: dnsmasq on loopback (started by eng/start-services.sh) answering for
/// the test zone — mx-ok.test has an MX, no-mx.test exists without one, null-mx.test publishes the null MX, other
/// *.test names do not exist — and refusing everything else, as a resolver that cannot help would.
/// </summary>
public sealed class AddressVerifierTests
{
    [Theory]
    [InlineData("ada.lovelace@mx-ok.test", EmailVerification.Valid, "mx-ok.test accepts mail (MX)")]
    [InlineData("ada@no-mx.test", EmailVerification.Invalid, "the domain no-mx.test has no MX record, so it receives no mail")]
    [InlineData("ada@nowhere.test", EmailVerification.Invalid, "the domain nowhere.test does not exist")]
    [InlineData("ada@null-mx.test", EmailVerification.Invalid, "the domain null-mx.test accepts no mail (null MX)")]
    [InlineData("info@mx-ok.test", EmailVerification.Risky, "role account (info@), read by a team rather than a person")]
    [InlineData("Sales+EU@mx-ok.test", EmailVerification.Risky, "role account (sales@), read by a team rather than a person")]
    [InlineData("ada@mailinator.com", EmailVerification.Risky, "disposable mailbox domain (mailinator.com)")]
    [InlineData("ada@gmail.com", EmailVerification.Risky, "free-mail address (gmail.com), not a company one")]
    [InlineData("ada@@mx-ok.test", EmailVerification.Invalid, "not a valid email address")]
    [InlineData("Ada Lovelace <ada@mx-ok.test>", EmailVerification.Invalid, "not a valid email address")]
    [InlineData("ada@localhost", EmailVerification.Invalid, "not a valid email address")]
    public async Task Verify_AgainstARealDnsServer_ClassifiesTheAddress(string email, EmailVerification status, string reason)
    {
        var verifier = Verifier(TestEnvironment.DnsServer);

        var verdict = await verifier.VerifyAsync(email, Ct);

        Assert.Equal((status, reason), (verdict.Status, verdict.Reason));
    }

    [Fact]
    public async Task Verify_WhenTheServerRefusesTheDomain_IsUnknownNeverInvalid()
    {
        var verdict = await Verifier(TestEnvironment.DnsServer).VerifyAsync("ada@engines-and-co.com", Ct);

        Assert.Equal((EmailVerification.Unknown, "DNS could not answer for engines-and-co.com (Refused)"), (verdict.Status, verdict.Reason));
    }

    [Fact]
    public async Task Verify_WhenDnsIsDown_IsUnknownAndAskedAgainNextTime()
    {
        // Nothing listens on this port: every query times out.
        var verifier = Verifier("127.0.0.1:9", timeoutSeconds: 1);

        var first = await verifier.VerifyAsync("ada@mx-ok.test", Ct);
        var second = await verifier.VerifyAsync("ada@mx-ok.test", Ct);

        Assert.Equal(EmailVerification.Unknown, first.Status);
        Assert.StartsWith("DNS did not answer for mx-ok.test", first.Reason, StringComparison.Ordinal);
        Assert.Equal(EmailVerification.Unknown, second.Status);
    }

    [Theory]
    [InlineData(VerificationPolicy.Off, EmailVerification.Invalid, false)]
    [InlineData(VerificationPolicy.SkipInvalid, EmailVerification.Invalid, true)]
    [InlineData(VerificationPolicy.SkipInvalid, EmailVerification.Risky, false)]
    [InlineData(VerificationPolicy.ValidOnly, EmailVerification.Risky, true)]
    [InlineData(VerificationPolicy.ValidOnly, EmailVerification.Unknown, false)]
    [InlineData(VerificationPolicy.ValidOnly, EmailVerification.Valid, false)]
    public void Excludes_ForEachPolicy_SkipsOnlyWhatItSays(VerificationPolicy policy, EmailVerification verdict, bool skipped) =>
        Assert.Equal(skipped, AddressPolicy.Excludes(policy, verdict));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AddressVerifier Verifier(string dns, int timeoutSeconds = 3) =>
        new(new StaticOptions(new VerificationOptions { DnsServers = dns, TimeoutSeconds = timeoutSeconds }), TimeProvider.System);

    private sealed class StaticOptions(VerificationOptions value) : IOptionsMonitor<VerificationOptions>
    {
        public VerificationOptions CurrentValue => value;

        public VerificationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<VerificationOptions, string?> listener) => null;
    }
}
