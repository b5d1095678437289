using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Builders;

namespace Outreach.Tests.Domain;

public sealed class StatusTransitionTests
{
    private static readonly Batch SomeBatch = new(Guid.CreateVersion7(), null, "b.csv", 1, TestClock.T0);

    [Fact]
    public void BatchFinish_WhenNeverStarted_ThrowsBecauseUploadedCannotEnd()
    {
        var batch = new Batch(Guid.CreateVersion7(), null, "b.csv", 3, TestClock.T0);

        var ex = Assert.Throws<InvalidStatusTransitionException>(() => batch.Finish(TestClock.At(1)));

        Assert.Equal(("UPLOADED", "FAILED"), (ex.From, ex.To));
        Assert.Equal((BatchStatus.Uploaded, null), (batch.Status, batch.CompletedAt));
    }

    [Fact]
    public void JobComplete_WhenStillPending_Throws()
    {
        var job = new ProcessingJob(Guid.CreateVersion7(), Guid.CreateVersion7(), JobType.FullPipeline, 10, TestClock.T0);

        var ex = Assert.Throws<InvalidStatusTransitionException>(() => job.Complete(TestClock.At(1)));

        Assert.Equal(("PENDING", "COMPLETED"), (ex.From, ex.To));
    }

    [Fact]
    public void JobCancel_WhenRunning_SetsCompletedAtAndIsTerminal()
    {
        var job = new ProcessingJob(Guid.CreateVersion7(), Guid.CreateVersion7(), JobType.FullPipeline, 10, TestClock.T0);
        job.Start("batch-x", TestClock.At(1));

        job.Cancel(TestClock.At(2));

        Assert.Equal((JobStatus.Cancelled, TestClock.At(1), TestClock.At(2)), (job.Status, job.StartedAt, job.CompletedAt));
        Assert.Throws<InvalidStatusTransitionException>(() => job.Start("batch-x", TestClock.At(3)));
    }

    [Fact]
    public void EmailReview_WhenEmailNotGenerated_ThrowsNamingGenerationStatus()
    {
        var email = new GeneratedEmail(Guid.CreateVersion7(), TestClock.T0);

        var ex = Assert.Throws<InvalidStatusTransitionException>(() => email.Review(ReviewStatus.Approved, TestClock.At(1)));

        Assert.Equal(("PENDING", "APPROVED"), (ex.From, ex.To));
    }

    [Fact]
    public void EmailReview_WhenGenerated_SetsReviewedAt()
    {
        var email = new GeneratedEmail(Guid.CreateVersion7(), TestClock.T0);
        email.StartGenerating(TestClock.At(1));
        email.Complete("Hi", "Body", "template", TestClock.At(2));

        email.Review(ReviewStatus.Approved, TestClock.At(3));

        Assert.Equal((ReviewStatus.Approved, TestClock.At(3), TestClock.At(2)), (email.ReviewStatus, email.ReviewedAt, email.GeneratedAt));
    }

    [Fact]
    public void WorkflowAdvance_WhenGoingBackwards_Throws()
    {
        var session = new WorkflowSession(Guid.CreateVersion7(), null, "cli", null, TestClock.T0);
        session.AdvanceTo(WorkflowStep.BeginEnrichment, TestClock.At(1));

        var ex = Assert.Throws<InvalidStatusTransitionException>(() => session.AdvanceTo(WorkflowStep.UploadCsv, TestClock.At(2)));

        Assert.Equal(("BEGIN_ENRICHMENT", "UPLOAD_CSV"), (ex.From, ex.To));
    }

    [Fact]
    public void WorkflowComplete_WhenActive_RecordsStepsAndCompletes()
    {
        var session = new WorkflowSession(Guid.CreateVersion7(), null, "cli", null, TestClock.T0);
        session.AdvanceTo(WorkflowStep.BeginEnrichment, TestClock.At(1));
        session.AdvanceTo(WorkflowStep.EmailGeneration, TestClock.At(2));

        session.Complete(TestClock.At(3));

        Assert.Equal((WorkflowStatus.Completed, WorkflowStep.Completed, TestClock.At(3)), (session.Status, session.CurrentStep, session.CompletedAt));
        Assert.Equal(
            [WorkflowStep.UploadCsv, WorkflowStep.BeginEnrichment, WorkflowStep.EmailGeneration],
            session.StepsCompleted.Select(s => s.Step));
    }

    [Fact]
    public void WorkflowResume_WhenAbandoned_Throws()
    {
        var session = new WorkflowSession(Guid.CreateVersion7(), null, "cli", null, TestClock.T0);
        session.Abandon(TestClock.At(1));

        Assert.Throws<InvalidStatusTransitionException>(() => session.Resume(TestClock.At(2)));
    }

    [Fact]
    public void UploadMarkFailed_WhenAlreadyImported_Throws()
    {
        var upload = new CsvUpload(null, "prospect-uploads", "c/x.csv", "0x1", new string('a', 64), 10, TestClock.T0);
        upload.MarkImported(Guid.CreateVersion7(), 3, [new RejectedRow(4, "email missing", "Bob,,Acme")], TestClock.At(1));

        Assert.Throws<InvalidStatusTransitionException>(() => upload.MarkFailed("late", TestClock.At(2)));
        Assert.Equal((4, 3, 1), (upload.RowsTotal, upload.RowsAccepted, upload.RowsRejected));
    }

    public static TheoryData<string> Machines => ["Prospect", "Batch", "Enrichment", "Generation", "Review", "Job", "Workflow", "Upload"];

    [Theory]
    [MemberData(nameof(Machines))]
    public void EnsureCanMove_ForEveryPairOutsideTheRules_ThrowsNamingBothLabels(string machine)
    {
        var checkedPairs = machine switch
        {
            "Prospect" => CheckAllPairs(Rules.Prospect),
            "Batch" => CheckAllPairs(Rules.Batch),
            "Enrichment" => CheckAllPairs(Rules.Enrichment),
            "Generation" => CheckAllPairs(Rules.Generation),
            "Review" => CheckAllPairs(Rules.Review),
            "Job" => CheckAllPairs(Rules.Job),
            "Workflow" => CheckAllPairs(Rules.Workflow),
            "Upload" => CheckAllPairs(Rules.Upload),
            _ => throw new ArgumentOutOfRangeException(nameof(machine)),
        };

        Assert.True(checkedPairs > 0);
    }

    [Fact]
    public void Rules_NoStatusMovesToItself() =>
        // Activities rely on this: a repeated guarded update matches no row instead of counting twice.
        Assert.All(Enum.GetValues<ProspectStatus>(), s => Assert.False(Rules.Prospect.CanMove(s, s)));

    [Fact]
    public void PredecessorsOf_ProspectFailed_AreTheActiveStatuses() =>
        Assert.Equal(
            [ProspectStatus.Pending, ProspectStatus.Enriching, ProspectStatus.Enriched, ProspectStatus.Generating],
            Rules.Prospect.PredecessorsOf(ProspectStatus.Failed));

    [Fact]
    public void StatusMachine_WhenAStatusIsNotListed_RefusesToBuild() =>
        Assert.Throws<ArgumentException>(() => new StatusMachine<JobStatus>("Job", new Dictionary<JobStatus, JobStatus[]>
        {
            [JobStatus.Pending] = [JobStatus.Running],
        }));

    private static int CheckAllPairs<T>(StatusMachine<T> rules)
        where T : struct, Enum
    {
        var illegal = 0;
        foreach (var from in Enum.GetValues<T>())
        {
            foreach (var to in Enum.GetValues<T>())
            {
                if (rules.CanMove(from, to))
                {
                    rules.EnsureCanMove(from, to);
                    continue;
                }

                var ex = Assert.Throws<InvalidStatusTransitionException>(() => rules.EnsureCanMove(from, to));
                Assert.Equal(StatusLabel.Of(from), ex.From);
                Assert.Equal(StatusLabel.Of(to), ex.To);
                Assert.Contains($"from {ex.From} to {ex.To}", ex.Message, StringComparison.Ordinal);
                illegal++;
            }
        }

        return illegal;
    }
}
