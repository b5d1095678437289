using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Tests.Builders;

namespace Outreach.Tests.Domain;

/// <summary>The two kinds of workflow session: the importer's, which the pipeline closes, and the wizard's, which the review closes.</summary>
public sealed class WorkflowSessionTests
{
    [Fact]
    public void FinishPipeline_WhenTheSessionIsGuided_WaitsAtEmailGenerationForTheReview()
    {
        var session = GuidedWithBatch();

        session.FinishPipeline(failed: false, "unused", TestClock.At(5));

        Assert.Equal((WorkflowStatus.Active, WorkflowStep.EmailGeneration, null), (session.Status, session.CurrentStep, session.CompletedAt));
        session.Complete(TestClock.At(6));
        Assert.Equal((WorkflowStatus.Completed, WorkflowStep.Completed), (session.Status, session.CurrentStep));
    }

    [Fact]
    public void FinishPipeline_WhenTheImporterOpenedTheSession_CompletesIt()
    {
        var session = new WorkflowSession(Guid.CreateVersion7(), Guid.CreateVersion7(), "upload:x", null, TestClock.T0);

        session.FinishPipeline(failed: false, "unused", TestClock.At(1));

        Assert.Equal((WorkflowStatus.Completed, WorkflowStep.Completed), (session.Status, session.CurrentStep));
    }

    [Fact]
    public void FinishPipeline_WhenTheBatchFailed_PutsEitherKindInErrorWithTheReason()
    {
        var guided = GuidedWithBatch();
        var imported = new WorkflowSession(Guid.CreateVersion7(), Guid.CreateVersion7(), "upload:x", null, TestClock.T0);

        guided.FinishPipeline(failed: true, "No prospect completed.", TestClock.At(5));
        imported.FinishPipeline(failed: true, "No prospect completed.", TestClock.At(5));

        Assert.Equal((WorkflowStatus.Error, "No prospect completed."), (guided.Status, guided.ErrorMessage));
        Assert.Equal((WorkflowStatus.Error, "No prospect completed."), (imported.Status, imported.ErrorMessage));
    }

    [Fact]
    public void StartGuided_BeforeAnythingIsChosen_IsActiveAtUploadWithNoCampaignOrBatch()
    {
        var session = WorkflowSession.StartGuided("browser", TestClock.T0);

        Assert.Equal((true, WorkflowStep.UploadCsv, WorkflowStatus.Active, null, null), (session.Guided, session.CurrentStep, session.Status, session.CampaignId, session.BatchId));
    }

    [Fact]
    public void Record_WhenAChoiceIsNull_RemovesItAndKeepsTheOthers()
    {
        var session = WorkflowSession.StartGuided("browser", TestClock.T0);
        session.Record(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, TestClock.At(1));

        session.Record(new Dictionary<string, string?> { ["a"] = null, ["c"] = "3" }, TestClock.At(2));

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, session.ConfigurationData);
        Assert.Equal(TestClock.At(2), session.UpdatedAt);
    }

    [Fact]
    public void ChooseCampaign_AfterTheBatchExists_IsAConflict()
    {
        var session = GuidedWithBatch();

        Assert.Throws<DomainConflictException>(() => session.ChooseCampaign(Guid.CreateVersion7(), TestClock.At(9)));
    }

    [Fact]
    public void AttachBatch_WhenAbandoned_IsAConflictAndAttachesNothing()
    {
        var session = WorkflowSession.StartGuided("browser", TestClock.T0);
        session.Abandon(TestClock.At(1));

        Assert.Throws<DomainConflictException>(() => session.AttachBatch(Guid.CreateVersion7(), Guid.CreateVersion7(), TestClock.At(2)));
        Assert.Null(session.BatchId);
    }

    private static WorkflowSession GuidedWithBatch()
    {
        var session = WorkflowSession.StartGuided("browser", TestClock.T0);
        session.AdvanceTo(WorkflowStep.CampaignSettings, TestClock.At(1));
        session.ChooseCampaign(Guid.CreateVersion7(), TestClock.At(2));
        session.AdvanceTo(WorkflowStep.EnrichmentConfig, TestClock.At(2));
        session.AttachBatch(session.CampaignId!.Value, Guid.CreateVersion7(), TestClock.At(3));
        return session;
    }
}
