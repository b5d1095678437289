using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Tests.Domain;

public sealed class BatchOutcomeTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(500, 500, 0)]
    public void FinalStatus_WhenEveryProspectCompleted_IsCompleted(int total, int completed, int failed) =>
        Assert.Equal(BatchStatus.Completed, BatchOutcome.FinalStatus(total, completed, failed));

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(25, 24, 1)]
    [InlineData(25, 1, 24)]
    public void FinalStatus_WhenSomeCompletedAndSomeFailed_IsPartial(int total, int completed, int failed) =>
        Assert.Equal(BatchStatus.Partial, BatchOutcome.FinalStatus(total, completed, failed));

    [Theory]
    [InlineData(4, 3, 0, 1, BatchStatus.Completed)]
    [InlineData(4, 2, 1, 1, BatchStatus.Partial)]
    [InlineData(4, 0, 0, 4, BatchStatus.Failed)]
    public void FinalStatus_WhenSomeWereSkippedByVerification_CountsThemAsDecidedNotFailed(int total, int completed, int failed, int skipped, BatchStatus expected) =>
        Assert.Equal(expected, BatchOutcome.FinalStatus(total, completed, failed, skipped));

    [Fact]
    public void FinalStatus_WhenSomeCompletedAndTheRestNeverFinished_IsPartial() =>
        // A cancelled batch: 3 of 10 completed, nothing failed, 7 never ran.
        Assert.Equal(BatchStatus.Partial, BatchOutcome.FinalStatus(10, 3, 0));

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(40, 0, 40)]
    [InlineData(40, 0, 0)]
    public void FinalStatus_WhenNoneCompleted_IsFailed(int total, int completed, int failed) =>
        Assert.Equal(BatchStatus.Failed, BatchOutcome.FinalStatus(total, completed, failed));

    [Fact]
    public void FinalStatus_WhenBatchIsEmpty_IsFailed() =>
        Assert.Equal(BatchStatus.Failed, BatchOutcome.FinalStatus(0, 0, 0));

    [Theory]
    [InlineData(2, 2, 1)]
    [InlineData(-1, 0, 0)]
    [InlineData(3, -1, 0)]
    [InlineData(3, 0, -1)]
    public void FinalStatus_WhenCountsAreInconsistent_Throws(int total, int completed, int failed) =>
        Assert.ThrowsAny<ArgumentException>(() => BatchOutcome.FinalStatus(total, completed, failed));
}
