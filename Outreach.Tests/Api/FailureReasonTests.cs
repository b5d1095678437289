using Outreach.Functions.Application;

namespace Outreach.Tests.Api;

/// <summary>Failed prospects' messages grouped into reasons people can count.</summary>
public sealed class FailureReasonTests
{
    [Theory]
    [InlineData("website: acme.example does not resolve", "website: does not resolve")]
    [InlineData("Required enrichment failed: website (failed: website: www.globex.co.uk does not resolve).", "Required enrichment failed: website (failed: website: does not resolve).")]
    [InlineData("linkedin: 404 for https://www.linkedin.com/in/someone", "linkedin: 404 for")]
    [InlineData("the address jane@acme.example bounced", "the address bounced")]
    [InlineData("confidence_score 1.7 is outside 0 to 1", "confidence_score 1.7 is outside 0 to 1")]
    [InlineData("", "(no reason recorded)")]
    public void Of_WhenTheMessageNamesItsProspect_LeavesTheParticularsOut(string message, string reason)
    {
        Assert.Equal(reason, FailureReason.Of(message));
    }

    [Fact]
    public void Group_WhenMessagesDifferOnlyByHost_CountsThemAsOneReasonMostFrequentFirst()
    {
        var grouped = FailureReason.Group([("website: acme.example does not resolve", 2), ("budget exceeded", 1), ("website: globex.example does not resolve", 3)]);

        Assert.Equal([new FailureCount("website: does not resolve", 5), new FailureCount("budget exceeded", 1)], grouped);
    }
}
