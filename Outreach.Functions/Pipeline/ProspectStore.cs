using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Pipeline;

/// <summary>
/// A prospect with what the providers may use, its status and whether its job still runs — loaded once per
/// <see cref="Activities.ProcessProspect"/> and carried from step to step, with what the earlier steps of the same
/// activity produced (<paramref name="Enrichment"/>, <paramref name="Analysis"/>), so no step reads back what the one
/// before it just wrote.
/// </summary>
public sealed record ProspectState(
    ProspectFacts Facts, CampaignBrief Campaign, Guid BatchId, ProspectStatus Status, bool JobRunning, EnrichmentOutcome? Enrichment = null, AnalysisOutcome? Analysis = null);

/// <summary>
/// The pipeline's reads and its guarded transitions. A transition is one statement: it moves the prospect
/// only from the statuses the rules allow, only while its job is RUNNING, and bumps the batch counter and
/// the job's progress only when the prospect actually moved — so an activity that runs twice counts once,
/// and a cancelled job gets no new work.
/// </summary>
public sealed class ProspectStore(IDbContextFactory<OutreachDbContext> contexts, NpgsqlDataSource dataSource, TimeProvider clock)
{
    // The jobs whose batch this process has already moved to GENERATING (one small entry per job).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _markedGenerating = new();

    /// <summary>Loads the prospect, its campaign brief and its job's state; null when the prospect does not exist.</summary>
    public async Task<ProspectState?> LoadAsync(ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.WithCampaignAsync(work.ProspectId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (prospect, campaign, service) = found;

        var running = await db.ProcessingJobs.AnyAsync(j => j.Id == work.JobId && j.Status == JobStatus.Running, cancellationToken);
        return new ProspectState(
            ProspectFacts.Of(prospect),
            CampaignBrief.Of(campaign, service),
            prospect.BatchId,
            prospect.Status,
            running);
    }

    /// <summary>Moves the prospect to <paramref name="to"/> if the rules allow it from its current status and the job runs; true when it moved.</summary>
    public Task<bool> MoveAsync(ProspectWork work, ProspectStatus to, ProspectCounter counter, string? errorMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return StatusTransitions.MoveProspectAsync(dataSource, work.ProspectId, work.JobId, to, counter, errorMessage, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// ENRICHING or ENRICHED → GENERATING for the batch, the first time one of its prospects starts generation; that
    /// first time only, its workflow session moves on to EMAIL_GENERATION. Asked once per job in this process: every
    /// later prospect of the job would only run the same guarded statement on the same hot row again.
    /// </summary>
    public async Task MarkBatchGeneratingAsync(Guid batchId, Guid jobId, CancellationToken cancellationToken)
    {
        if (!_markedGenerating.TryAdd(jobId, 0))
        {
            return;
        }

        try
        {
            await MoveBatchToGeneratingAsync(batchId, cancellationToken);
        }
        catch
        {
            // Not done: the next prospect of the job tries again.
            _markedGenerating.TryRemove(jobId, out _);
            throw;
        }
    }

    private async Task MoveBatchToGeneratingAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (!await StatusTransitions.MoveBatchAsync(
                connection, batchId, [BatchStatus.Enriching, BatchStatus.Enriched], BatchStatus.Generating, BatchTimestamp.GenerationStarted, now, cancellationToken))
            {
                return;
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.WorkflowSessions.OfBatchAsync(batchId, cancellationToken) is { Status: WorkflowStatus.Active, CurrentStep: < WorkflowStep.EmailGeneration } session)
        {
            session.AdvanceTo(WorkflowStep.EmailGeneration, now);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Stores what enrichment found (upsert by prospect).</summary>
    public async Task SaveEnrichmentAsync(Guid prospectId, EnrichmentOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var row = await FindOrAddAsync(db.ProspectEnrichments, e => e.ProspectId == prospectId, () => new ProspectEnrichment(prospectId, now), cancellationToken);
        if (row.Status != EnrichmentStatus.Processing)
        {
            row.Start(now);
        }

        row.Complete(outcome.CompanyWebsite, outcome.CompanySummary, outcome.LinkedinSummary, outcome.TechStack, outcome.Sources, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stored enrichment, as the providers see it.</summary>
    public async Task<EnrichmentOutcome> LoadEnrichmentAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ProspectEnrichments.AsNoTracking().SingleOrDefaultAsync(e => e.ProspectId == prospectId, cancellationToken);
        return EnrichmentOutcome.Of(row);
    }

    /// <summary>Stores (or replaces) the analysis.</summary>
    public async Task SaveAnalysisAsync(Guid prospectId, AnalysisOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await using var db = await OneTransactionContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var row = await FindOrAddAsync(db.ProspectAnalyses, a => a.ProspectId == prospectId, () => new ProspectAnalysis(prospectId, now), cancellationToken);
        var before = (Prompt: row.PromptTokens ?? 0, Completion: row.CompletionTokens ?? 0);
        row.Record(outcome.PersonalizationOpportunities, outcome.PainPoints, outcome.MarketPosition, outcome.SuggestedApproach,
            outcome.ExecutiveSummary, outcome.ConfidenceScore, outcome.Sources, outcome.Model, now,
            Tokens(outcome.Usage?.PromptTokens), Tokens(outcome.Usage?.CompletionTokens));

        // A re-run replaces the analysis, so the batch is charged the difference.
        await SaveChargingBatchAsync(db, prospectId, (row.PromptTokens ?? 0) - before.Prompt, (row.CompletionTokens ?? 0) - before.Completion, cancellationToken);
    }

    /// <summary>
    /// Whether the prospect's analysis was written in its current generation step (after it last moved to GENERATING):
    /// the checkpoint that lets a resumed prospect go straight to its email instead of paying for the analysis twice.
    /// </summary>
    public async Task<bool> HasCurrentAnalysisAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from a in db.ProspectAnalyses
                      join p in db.Prospects on a.ProspectId equals p.Id
                      where a.ProspectId == prospectId && p.GenerationStartedAt != null && a.UpdatedAt >= p.GenerationStartedAt
                      select a.Id).AnyAsync(cancellationToken);
    }

    /// <summary>The stored analysis; throws when analysis has not run.</summary>
    public async Task<AnalysisOutcome> LoadAnalysisAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var a = await db.ProspectAnalyses.AsNoTracking().SingleOrDefaultAsync(x => x.ProspectId == prospectId, cancellationToken)
            ?? throw new PermanentProspectException("The prospect has no analysis to write an email from.");
        return new AnalysisOutcome(a.PersonalizationOpportunities, a.PainPoints, a.MarketPosition, a.SuggestedApproach, a.ExecutiveSummary, a.ConfidenceScore ?? 0, a.Sources, a.Model ?? "unknown");
    }

    /// <summary>Whether an email was already stored for the prospect (a re-executed activity must not write it twice).</summary>
    public async Task<bool> HasCompletedEmailAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GeneratedEmails.AnyAsync(e => e.ProspectId == prospectId && e.GenerationStatus == GenerationStatus.Completed, cancellationToken);
    }

    /// <summary>Creates (or re-opens) the email row as GENERATING before the generator runs, so a failure has a row to mark.</summary>
    public async Task BeginEmailAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var row = await FindOrAddAsync(db.GeneratedEmails, e => e.ProspectId == prospectId, () => new GeneratedEmail(prospectId, now), cancellationToken);

        if (row.GenerationStatus is GenerationStatus.Pending or GenerationStatus.Failed)
        {
            row.StartGenerating(now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Stores the generated email (upsert by prospect).</summary>
    public async Task SaveEmailAsync(
        Guid prospectId, EmailDraft draft, IReadOnlyList<string> qualityFlags, IReadOnlyList<EmailFact> factsUsed, CancellationToken cancellationToken, string? footer = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await OneTransactionContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var row = await FindOrAddAsync(db.GeneratedEmails, e => e.ProspectId == prospectId, () => new GeneratedEmail(prospectId, now), cancellationToken);

        if (row.GenerationStatus == GenerationStatus.Completed)
        {
            return;
        }

        if (row.GenerationStatus != GenerationStatus.Generating)
        {
            row.StartGenerating(now);
        }

        row.Complete(draft.Subject, draft.Body, draft.Model, now,
            new EmailAssessment(qualityFlags, factsUsed, Tokens(draft.Usage?.PromptTokens), Tokens(draft.Usage?.CompletionTokens)), footer);
        await SaveChargingBatchAsync(db, prospectId, row.PromptTokens ?? 0, row.CompletionTokens ?? 0, cancellationToken);
    }

    /// <summary>
    /// Saves the row and, in the same transaction, adds the tokens it cost to its batch; a save that costs nothing is
    /// one statement, without a transaction around it.
    /// </summary>
    private static async Task SaveChargingBatchAsync(OutreachDbContext db, Guid prospectId, long prompt, long completion, CancellationToken cancellationToken)
    {
        if (prompt == 0 && completion == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AddBatchTokensAsync(db, prospectId, prompt, completion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task AddBatchTokensAsync(OutreachDbContext db, Guid prospectId, long prompt, long completion, CancellationToken cancellationToken)
    {
        var batchId = db.Prospects.Where(p => p.Id == prospectId).Select(p => p.BatchId);
        await db.Batches.Where(b => batchId.Contains(b.Id)).ExecuteUpdateAsync(
            set => set.SetProperty(b => b.PromptTokens, b => b.PromptTokens + prompt).SetProperty(b => b.CompletionTokens, b => b.CompletionTokens + completion),
            cancellationToken);
    }

    /// <summary>Records the address check on the prospect.</summary>
    public async Task SaveVerificationAsync(Guid prospectId, EmailVerification verdict, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Prospects.Where(p => p.Id == prospectId).ExecuteUpdateAsync(
            set => set.SetProperty(p => p.EmailVerification, verdict).SetProperty(p => p.EmailVerificationReason, reason),
            cancellationToken);
    }

    /// <summary>Another prospect of the batch whose completed email has exactly this body, if any.</summary>
    public async Task<Guid?> FindSameBodyAsync(Guid batchId, Guid prospectId, string body, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = GeneratedEmail.HashOf(body);
        var twin = await (from e in db.GeneratedEmails
                          join p in db.Prospects on e.ProspectId equals p.Id
                          where e.BodyHash == hash && p.BatchId == batchId && p.Id != prospectId && e.GenerationStatus == GenerationStatus.Completed && e.Body == body
                          select p.Id).FirstOrDefaultAsync(cancellationToken);
        return twin == Guid.Empty ? null : twin;
    }

    /// <summary>
    /// A context for one short transaction that is committed or abandoned whole: EF's savepoint around SaveChanges
    /// (two more statements) would only let a caller recover from a failed save inside it, which none does.
    /// </summary>
    private async Task<OutreachDbContext> OneTransactionContextAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        return db;
    }

    private static int? Tokens(long? count) => count is { } n ? (int)Math.Min(n, int.MaxValue) : null;

    /// <summary>The one row of a prospect's enrichment, analysis or email, added when it does not exist yet (the upsert).</summary>
    private static async Task<T> FindOrAddAsync<T>(DbSet<T> rows, System.Linq.Expressions.Expression<Func<T, bool>> ofProspect, Func<T> create, CancellationToken cancellationToken)
        where T : class
    {
        var row = await rows.SingleOrDefaultAsync(ofProspect, cancellationToken);
        if (row is null)
        {
            row = create();
            rows.Add(row);
        }

        return row;
    }

    /// <summary>Marks unfinished enrichment and email rows of a failed prospect as FAILED with the reason.</summary>
    public async Task FailDetailsAsync(Guid prospectId, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var enrichment = await db.ProspectEnrichments.SingleOrDefaultAsync(e => e.ProspectId == prospectId, cancellationToken);
        if (enrichment is { Status: EnrichmentStatus.Pending or EnrichmentStatus.Processing })
        {
            enrichment.Fail(reason, null, now);
        }

        var email = await db.GeneratedEmails.SingleOrDefaultAsync(e => e.ProspectId == prospectId, cancellationToken);
        if (email is { GenerationStatus: GenerationStatus.Pending or GenerationStatus.Generating })
        {
            email.Fail(reason, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
