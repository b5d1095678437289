using Outreach.Data.Persistence;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Tests.Domain;

/// <summary>Labels back to members: what the read side does with every enum column it selects as text.</summary>
public sealed class StatusLabelParseTests
{
    [Fact]
    public void Parse_WhenGivenTheLabelOfEveryMemberOfEveryDatabaseEnum_AnswersThatMember()
    {
        var members = OutreachDatabase.EnumTypes.SelectMany(e => Enum.GetValues(e.ClrType).Cast<Enum>()).ToList();

        var parsed = members.Select(member => StatusLabel.Parse(member.GetType(), StatusLabel.Of(member))).ToList();

        Assert.True(members.Count > 60, $"Expected every member of the seventeen enums; found {members.Count}.");
        Assert.Equal(members, parsed);
    }

    [Fact]
    public void ParseOfT_WhenGivenAMultiWordLabel_AnswersTheTypedMember()
    {
        Assert.Equal(ReviewStatus.PendingReview, StatusLabel.Parse<ReviewStatus>("PENDING_REVIEW"));
        Assert.Equal(JobType.FullPipeline, StatusLabel.Parse<JobType>("FULL_PIPELINE"));
    }

    [Theory]
    [InlineData("pending_review")]
    [InlineData("PendingReview")]
    [InlineData("PENDINGREVIEW")]
    [InlineData("0")]
    [InlineData("")]
    public void Parse_WhenTheTextIsNotExactlyALabel_ThrowsNamingTheTextAndTheEnum(string text)
    {
        var ex = Assert.Throws<FormatException>(() => StatusLabel.Parse<ReviewStatus>(text));

        Assert.Equal($"'{text}' is not a label of ReviewStatus.", ex.Message);
    }
}
