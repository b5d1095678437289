using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;
using Outreach.Functions.Quality;

namespace Outreach.Tests.Quality;

/// <summary>The quality gate every email passes, model or template: each check flags what it should and only that.</summary>
public sealed class QualityGateTests
{
    private const string Good = """
        Hi Ada,

        As Head of Engineering at Analytical Engines you are probably the one asked why the cloud bill keeps growing while
        the product stays the same. Since your team runs React in production, the front-end hosting and build minutes are
        usually the first place we look. Cloud Cost Review is a fixed-price, two-week review of your spend that ends in a
        prioritised savings plan your team can act on without re-architecting anything.

        Would a short call next week be useful?

        Sam
        """;

    [Fact]
    public void Assess_WhenTheEmailIsGood_FlagsNothing()
    {
        var flags = Assess(Good);

        Assert.Empty(flags);
    }

    [Theory]
    [InlineData("Hi Ada, would a call help?", "the body has 6 words; the campaign asks for 50–150")]
    [InlineData("{{first_name}}", "an unfilled placeholder: {{")]
    [InlineData("[First Name]", "an unfilled placeholder: [First Name]")]
    [InlineData("Act now: this offer is guaranteed.", "spam-trigger phrasing: \"act now\", \"guaranteed\"")]
    [InlineData("We saved Analytical Engines 37% last year.", "figures the facts do not state: 37%")]
    public void Assess_WhenTheEmailHasAFault_FlagsIt(string addition, string flag)
    {
        var body = addition.StartsWith("Hi Ada", StringComparison.Ordinal) ? addition : Good.Replace("Sam", addition + "\n\nSam", StringComparison.Ordinal);

        var flags = Assess(body);

        Assert.Contains(flag, flags);
    }

    [Fact]
    public void Assess_WhenThereIsNoAskOrTwo_FlagsTheCallsToAction()
    {
        var none = Good.Replace("Would a short call next week be useful?", "Thanks for reading.", StringComparison.Ordinal);
        var two = Good.Replace("Would a short call next week be useful?", "Would a short call next week be useful? Or can we book a demo instead?", StringComparison.Ordinal);

        Assert.Contains("no call to action", Assess(none));
        Assert.Contains("2 calls to action (one clear ask works better)", Assess(two));
    }

    [Fact]
    public void Assess_WhenTheEmailUsesOnlyNameAndCompanyThoughMoreIsKnown_FlagsIt()
    {
        var facts = Facts();
        var onlyIdentity = facts.Facts.Where(f => f.Source is "csv:Name" or "csv:Company").ToList();

        var flags = QualityGate.Assess("Hello", Good, Campaign(), facts, onlyIdentity);

        Assert.Contains("it uses no fact about the prospect beyond name and company", flags);
    }

    [Fact]
    public void UsedIn_ForAWrittenEmail_FindsTheShortFactsByValueAndTheLongOnesByAPhrase()
    {
        var facts = FactSheet.Of(
            Prospect(),
            new EnrichmentOutcome("https://engines.example", "Analytical Engines builds difference engines for insurers across Europe.", null,
                [new TechStackItem("React", "JavaScript Library"), new TechStackItem("Kafka", null)], new Dictionary<string, SourceResult>()));

        var used = facts.UsedIn("Saw that you build difference engines for insurers, and that you run React.");

        Assert.Equal(["https://engines.example", "builtwith:engines.example"], used.Select(f => f.Source));
        Assert.Equal(["f1", "f2", "f3", "f4", "f5", "f6", "f7"], facts.Facts.Select(f => f.Id));
        Assert.Equal("csv:Industry", facts.Facts[3].Source);
    }

    private static IReadOnlyList<string> Assess(string body)
    {
        var facts = Facts();
        return QualityGate.Assess("Cloud costs at Analytical Engines", body, Campaign(), facts, facts.UsedIn(body));
    }

    private static FactSheet Facts() => FactSheet.Of(
        Prospect(), new EnrichmentOutcome(null, null, null, [new TechStackItem("React", null)], new Dictionary<string, SourceResult>()));

    private static ProspectFacts Prospect() => new(
        Guid.NewGuid(), Guid.NewGuid(), "Ada Lovelace", "ada@engines.example", "Analytical Engines", "Head of Engineering", null, null,
        new Dictionary<string, string> { ["Industry"] = "Insurance", ["Email 2"] = "x@y.example" });

    private static CampaignBrief Campaign() => new(
        Guid.NewGuid(), "Spring", "Cloud costs at {{company}}", "Offer the review.", [], [], "Cloud Cost Review",
        "A fixed-price, two-week review of cloud spend.", "A prioritised savings plan.", 80, 150, MinBodyWords: 50);
}
