using Outreach.Functions.Contracts;

namespace Outreach.Tests.Contracts;

/// <summary>No provider text is trusted: secrets are taken out of every failure message, registered or merely key-shaped.</summary>
public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("Invalid API key provided: Bearer sk-or-v1-0123456789abcdef", "Invalid API key provided: Bearer [redacted]")]
    [InlineData("GET https://generativelanguage.googleapis.com/v1/models?key=AIzaSyA1234567890abcdefghijkl failed", "GET https://generativelanguage.googleapis.com/v1/models?key=[redacted] failed")]
    [InlineData("{\"api_key\": \"abcdef0123456789\"}", "{\"api_key\": \"[redacted]\"}")]
    [InlineData("project key sk-proj-abcdefghijklmnop0123 is revoked", "project key [redacted] is revoked")]
    public void Scrub_WhenTextCarriesAKeyShapedValue_RedactsIt(string text, string expected)
    {
        Assert.Equal(expected, SecretScrubber.Scrub(text));
    }

    [Theory]
    [InlineData("Enrich Layer: rate limited (429); retry after 30 s")]
    [InlineData("OpenRouter: out of credits (402): insufficient credits for 1,200 tokens")]
    [InlineData("Required enrichment failed: linkedin (error: no public profile)")]
    public void Scrub_WhenTextHasNoSecret_LeavesItAlone(string text)
    {
        Assert.Equal(text, SecretScrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_WhenAConfiguredKeyHasNoKnownShape_RedactsItByValue()
    {
        var key = $"plainkey{Guid.NewGuid():N}";
        SecretScrubber.Register(key);

        Assert.Equal("the provider said: [redacted] is not valid", SecretScrubber.Scrub($"the provider said: {key} is not valid"));
    }

    [Fact]
    public void FailureExceptions_WhenTheInnerExceptionCarriesAKey_DropItAndScrubTheirOwnMessage()
    {
        var inner = new HttpRequestException("GET https://api.example/v1?api_key=abcdef0123456789 refused");

        var transient = new TransientProspectException("Provider: Bearer abcdefghijklmnop refused", inner);
        var permanent = new PermanentProspectException("Provider: refused", inner);

        Assert.Equal(("Provider: Bearer [redacted] refused", null), (transient.Message, transient.InnerException));
        Assert.Null(permanent.InnerException);
        var harmless = new HttpRequestException("connection refused");
        Assert.Same(harmless, new PermanentProspectException("Provider: refused", harmless).InnerException);
    }
}
