using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Contracts;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Providers.Template;
using Outreach.Functions.Templating;

namespace Outreach.Functions.Application.Workflow;

/// <summary>
/// The console's wizard, recorded in <c>workflow_sessions</c>: one guided session a run through UPLOAD_CSV (a draft
/// file, dry-run), CAMPAIGN_SETTINGS (the campaign chosen), ENRICHMENT_CONFIG (the sources chosen), BEGIN_ENRICHMENT
/// (the draft imported by the normal ingestion, the batch joined to the session and started), EMAIL_GENERATION (moved
/// there by the pipeline) and COMPLETED (closed by the person after the review). This class owns what each step
/// requires before the session may leave it; the session entity owns the moves. A session survives a closed tab: the
/// browser keeps its user session id and reads its newest session back; one left idle is ABANDONED by the sweeper.
/// </summary>
public sealed partial class WorkflowWizard(
    IDbContextFactory<OutreachDbContext> contexts,
    UploadIntake uploads,
    BlobServiceClient blobs,
    BlobUploadProcessor processor,
    TemplateEmailGenerator templates,
    IOptions<WorkflowOptions> options,
    TimeProvider clock,
    ILogger<WorkflowWizard> logger)
{
    // The configuration_data keys the wizard itself writes (the console adds its own choices beside them).
    private const string DraftBlobKey = "draftBlob";
    private const string FileNameKey = "fileName";
    private const string AcceptedKey = "rowsAccepted";
    private const string RejectedKey = "rowsRejected";

    // The template writer reads no analysis; the preview has none to give it.
    private static readonly AnalysisOutcome NoAnalysis = new([], [], null, null, null, 0, [], TemplateAnalyzer.ModelName);

    private static readonly BatchStatus[] Finished = BatchOutcome.FinalStatuses;

    /// <summary>Opens a new guided session at UPLOAD_CSV for the browser session <paramref name="request"/> names.</summary>
    public async Task<WorkflowSessionView> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.UserSessionId))
        {
            throw new DomainValidationException("userSessionId is required: the browser session the wizard belongs to.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = WorkflowSession.StartGuided(request.UserSessionId.Trim(), clock.GetUtcNow());
        db.WorkflowSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return WorkflowSessionView.Of(session);
    }

    /// <summary>The newest sessions of a browser session (at most 20), newest first: the console resumes the first that is still open.</summary>
    public async Task<IReadOnlyList<WorkflowSessionView>> ListAsync(string userSessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userSessionId))
        {
            throw new DomainValidationException("userSessionId is required.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sessions = await db.WorkflowSessions.AsNoTracking().Where(s => s.UserSessionId == userSessionId.Trim())
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(20).ToListAsync(cancellationToken);
        return [.. sessions.Select(WorkflowSessionView.Of)];
    }

    /// <summary>One session, or a 404.</summary>
    public async Task<WorkflowSessionView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return WorkflowSessionView.Of(await FindAsync(db, id, tracked: false, cancellationToken));
    }

    /// <summary>UPLOAD_CSV: stages the request's body as the session's file (replacing an earlier one) and answers with its dry run.</summary>
    public async Task<WorkflowDraftView> StageFileAsync(Guid id, string? name, HttpRequest request, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            EnsureAt(await FindAsync(db, id, tracked: false, cancellationToken), WorkflowStep.UploadCsv, "choose its file");
        }

        var (blobName, fileName, preview) = await uploads.StageDraftAsync(id, name, request, cancellationToken);
        await using var write = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(write, id, tracked: true, cancellationToken);
        EnsureAt(session, WorkflowStep.UploadCsv, "choose its file");
        session.Record(
            new Dictionary<string, string?>
            {
                [DraftBlobKey] = blobName,
                [FileNameKey] = string.IsNullOrWhiteSpace(name) ? fileName : Path.GetFileName(name.Trim()),
                [AcceptedKey] = preview.Accepted.ToString(CultureInfo.InvariantCulture),
                [RejectedKey] = preview.Rejected.Count.ToString(CultureInfo.InvariantCulture),
            },
            clock.GetUtcNow());
        await write.SaveChangesAsync(cancellationToken);
        return new WorkflowDraftView(WorkflowSessionView.Of(session), preview);
    }

    /// <summary>The dry run of the session's file, read again (a session resumed later shows it as it was).</summary>
    public async Task<UploadPreview> DraftPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await uploads.PreviewDraftAsync(DraftOf(await FindAsync(db, id, tracked: false, cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// CAMPAIGN_SETTINGS' live preview: the campaign <paramref name="request"/> describes (checked as a creation would
    /// check it, nothing stored) rendered by the template writer on accepted row <paramref name="index"/> (from 0) of
    /// the session's file — what the person will get without a model, before enrichment adds to it.
    /// </summary>
    public async Task<EmailPreview> PreviewEmailAsync(Guid id, CampaignRequest request, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(db, id, tracked: false, cancellationToken);
        var rows = await uploads.DraftRowsAsync(DraftOf(session), Math.Clamp(index, 0, 1_000) + 1, cancellationToken);
        if (rows.Count == 0)
        {
            throw new DomainValidationException("The session's file has no accepted row to preview on.");
        }

        var row = rows[^1];
        var now = clock.GetUtcNow();
        var named = string.IsNullOrWhiteSpace(request.Name) ? request with { Name = "preview" } : request;
        var campaign = await named.BuildAsync(db, now, reviseService: false, cancellationToken);
        var service = db.Services.Local.FirstOrDefault(s => s.Id == campaign.ServiceId)
            ?? await db.Services.AsNoTracking().SingleAsync(s => s.Id == campaign.ServiceId, cancellationToken);
        var draft = row.Prospect!;
        var facts = new ProspectFacts(Guid.Empty, Guid.Empty, draft.Name, draft.Email, draft.Company, draft.Title, draft.LinkedinUrl, draft.Website, draft.AdditionalData);
        var brief = CampaignBrief.Of(campaign, service);
        var email = await templates.GenerateAsync(facts, EnrichmentOutcome.Of(null), NoAnalysis, brief, cancellationToken);
        var footer = EmailTemplates.RenderFooter(brief, TemplateModel.For(facts, null, brief));
        return new EmailPreview(row.Line, draft.Name, draft.Company, email.Subject, email.Body, footer);
    }

    /// <summary>
    /// Moves the session to the step <paramref name="request"/> names once the step it leaves has what it needs, recording
    /// the choices given. BEGIN_ENRICHMENT imports the file through the normal ingestion — the batch joins this session —
    /// and starts it; asked again (a lost answer, a retry) it finds the same batch and starts nothing twice.
    /// </summary>
    public async Task<WorkflowSessionView> AdvanceAsync(Guid id, WorkflowAdvanceRequest request, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var target = ProspectQueries.Parse<WorkflowStep>(request.Step ?? string.Empty, "step");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(db, id, tracked: true, cancellationToken);
        var now = clock.GetUtcNow();
        switch (target)
        {
            case WorkflowStep.CampaignSettings:
                EnsureAt(session, WorkflowStep.UploadCsv, "move to CAMPAIGN_SETTINGS");
                if (!session.ConfigurationData.TryGetValue(AcceptedKey, out var accepted) || accepted == "0")
                {
                    throw new DomainValidationException("Upload a CSV file with at least one accepted row first.");
                }

                break;
            case WorkflowStep.EnrichmentConfig:
                EnsureAt(session, WorkflowStep.CampaignSettings, "move to ENRICHMENT_CONFIG");
                var campaignId = request.CampaignId ?? session.CampaignId
                    ?? throw new DomainValidationException("Choose or create the campaign first (campaignId).");
                var name = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new DomainValidationException($"No campaign with id {campaignId}.");
                session.ChooseCampaign(campaignId, now);
                session.Record(new Dictionary<string, string?> { ["campaignName"] = name }, now);
                break;
            case WorkflowStep.BeginEnrichment:
                if (session.CurrentStep == WorkflowStep.BeginEnrichment && session.BatchId is not null)
                {
                    return WorkflowSessionView.Of(session);
                }

                EnsureAt(session, WorkflowStep.EnrichmentConfig, "begin enrichment");
                break;
            case WorkflowStep.Completed:
                return await FinishReviewAsync(db, session, now, cancellationToken);
            default:
                throw new DomainValidationException(
                    $"A session cannot be moved to {StatusLabel.Of(target)}: the pipeline moves it to EMAIL_GENERATION, and UPLOAD_CSV is where it starts.");
        }

        if (request.Configuration is { Count: > 0 } choices)
        {
            session.Record(choices, now);
        }

        if (target != WorkflowStep.BeginEnrichment)
        {
            session.AdvanceTo(target, now);
            await db.SaveChangesAsync(cancellationToken);
            return WorkflowSessionView.Of(session);
        }

        // The choices are stored before the import, which locks and joins this session in its own transaction.
        await db.SaveChangesAsync(cancellationToken);
        return await BeginAsync(session, durable, cancellationToken);
    }

    /// <summary>Abandons an open session (the person started over or gave up); a running batch is the batch's to cancel.</summary>
    public async Task<WorkflowSessionView> AbandonAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await FindAsync(db, id, tracked: true, cancellationToken);
        if (session.BatchId is { } batchId && await IsRunningAsync(db, batchId, cancellationToken))
        {
            throw new DomainConflictException($"Batch {batchId} of this session is still running; cancel the batch first.");
        }

        session.Abandon(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return WorkflowSessionView.Of(session);
    }

    /// <summary>
    /// The sweeper's part: guided sessions still open but unchanged for <see cref="WorkflowOptions.AbandonAfter"/>, with
    /// no batch or a finished one, become ABANDONED. Returns how many.
    /// </summary>
    public async Task<int> AbandonIdleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = now - options.Value.AbandonAfter;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var idle = await db.WorkflowSessions
            .Where(s => s.Guided && (s.Status == WorkflowStatus.Active || s.Status == WorkflowStatus.Paused) && s.UpdatedAt < before)
            .Where(s => s.BatchId == null || db.Batches.Any(b => b.Id == s.BatchId && Finished.Contains(b.Status)))
            .OrderBy(s => s.UpdatedAt).Take(500).ToListAsync(cancellationToken);
        foreach (var session in idle)
        {
            session.Abandon(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (idle.Count > 0)
        {
            LogAbandoned(idle.Count, options.Value.AbandonAfter);
        }

        return idle.Count;
    }

    private async Task<WorkflowSessionView> BeginAsync(WorkflowSession session, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var campaignId = session.CampaignId ?? throw new DomainValidationException("Choose or create the campaign first.");
        var blob = blobs.GetBlobContainerClient(UploadIntake.DraftsContainer).GetBlobClient(DraftOf(session));
        if (!await blob.ExistsAsync(cancellationToken))
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, "The session's file is no longer stored; start a new upload.");
        }

        var result = await processor.ProcessDraftAsync(blob, campaignId, session.Id, durable, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fresh = await FindAsync(db, session.Id, tracked: true, cancellationToken);
        if (fresh.BatchId is not null)
        {
            return WorkflowSessionView.Of(fresh);
        }

        if (result.Status == UploadStatus.Failed)
        {
            // The file could not be imported at all: the session says why, and a new one can start.
            fresh.MarkError(result.ErrorMessage ?? "The file could not be imported.", clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return WorkflowSessionView.Of(fresh);
        }

        // The same file was imported for this campaign before: its batch belongs to that upload, not to this session.
        throw new DomainConflictException(
            result.BatchId is { } earlier
                ? $"This file was imported for this campaign before, as batch {earlier}; open that batch, or choose another campaign."
                : "This file was imported for this campaign before; choose another campaign.");
    }

    private static async Task<WorkflowSessionView> FinishReviewAsync(OutreachDbContext db, WorkflowSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (session.Status == WorkflowStatus.Completed)
        {
            return WorkflowSessionView.Of(session);
        }

        var batchId = session.BatchId ?? throw new DomainConflictException("The session has no batch yet; begin enrichment first.");
        var status = await db.Batches.Where(b => b.Id == batchId).Select(b => b.Status).SingleAsync(cancellationToken);
        if (status is not (BatchStatus.Completed or BatchStatus.Partial))
        {
            throw new DomainConflictException($"Batch {batchId} is {StatusLabel.Of(status)}; the review is done once it is COMPLETED or PARTIAL.");
        }

        session.Complete(now);
        await db.SaveChangesAsync(cancellationToken);
        return WorkflowSessionView.Of(session);
    }

    private static Task<bool> IsRunningAsync(OutreachDbContext db, Guid batchId, CancellationToken cancellationToken) =>
        db.Batches.AnyAsync(b => b.Id == batchId && !Finished.Contains(b.Status), cancellationToken);

    private static async Task<WorkflowSession> FindAsync(OutreachDbContext db, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.WorkflowSessions : db.WorkflowSessions.AsNoTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw ApiProblemException.NotFound("workflow session", id);
    }

    private static string DraftOf(WorkflowSession session) =>
        session.ConfigurationData.TryGetValue(DraftBlobKey, out var blob) ? blob : throw new DomainValidationException("The session has no file yet; upload a CSV first.");

    private static void EnsureAt(WorkflowSession session, WorkflowStep step, string action)
    {
        session.EnsureOpen();
        if (session.CurrentStep != step)
        {
            throw new DomainConflictException($"The session is at {StatusLabel.Of(session.CurrentStep)}; it can {action} only at {StatusLabel.Of(step)}.");
        }
    }

    [LoggerMessage(LogLevel.Information, "Marked {Count} idle wizard sessions ABANDONED (unchanged for {Idle})")]
    private partial void LogAbandoned(int count, TimeSpan idle);
}
