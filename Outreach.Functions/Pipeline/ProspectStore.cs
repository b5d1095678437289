using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Pipeline;

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

    /// <summary>
    /// Loads the prospect, its campaign brief, its job's state and which of its step rows are stored, in one query;
    /// null when the prospect does not exist.
    /// </summary>
    public async Task<ProspectState?> LoadAsync(ProspectWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await (
            from r in db.ProspectsWithCampaign()
            where r.Prospect.Id == work.ProspectId
            select new
            {
                r.Prospect,
                r.Campaign,
                r.Service,
                Running = db.ProcessingJobs.Any(j => j.Id == work.JobId && j.Status == JobStatus.Running),
                Enrichment = db.ProspectEnrichments.Any(e => e.ProspectId == r.Prospect.Id),
                AnalysedAt = db.ProspectAnalyses.Where(a => a.ProspectId == r.Prospect.Id).Select(a => (DateTimeOffset?)a.UpdatedAt).FirstOrDefault(),
                Email = db.GeneratedEmails.Where(e => e.ProspectId == r.Prospect.Id).Select(e => (GenerationStatus?)e.GenerationStatus).FirstOrDefault(),
            }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var generationStarted = row.Prospect.GenerationStartedAt;
        return new ProspectState(
            ProspectFacts.Of(row.Prospect),
            CampaignBrief.Of(row.Campaign, row.Service),
            row.Prospect.BatchId,
            row.Prospect.Status,
            row.Running,
            new StoredRows(
                row.Enrichment,
                row.AnalysedAt is not null,
                row.AnalysedAt is { } analysed && generationStarted is { } started && analysed >= started,
                row.Email));
    }

    /// <summary>
    /// Moves the prospect to <paramref name="to"/> if the rules allow it from its current status and the job runs,
    /// recording <paramref name="addressCheck"/> with the move when given; true when it moved.
    /// </summary>
    public Task<bool> MoveAsync(
        ProspectWork work, ProspectStatus to, ProspectCounter counter, string? errorMessage, CancellationToken cancellationToken, AddressVerdict? addressCheck = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        return StatusTransitions.MoveProspectAsync(dataSource, work.ProspectId, work.JobId, to, counter, errorMessage, clock.GetUtcNow(), cancellationToken, addressCheck);
    }

    /// <summary>
    /// Moves the prospect into generation — from ENRICHED, or, when <paramref name="justEnriched"/>, straight on from
    /// ENRICHING through ENRICHED in one statement (counted and timed as enriched too) — and, with the first prospect
    /// of the job, its batch; true when the prospect moved.
    /// </summary>
    public async Task<bool> StartGenerationAsync(ProspectWork work, Guid batchId, bool justEnriched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var moved = await StatusTransitions.MoveProspectAsync(
            dataSource, work.ProspectId, work.JobId, ProspectStatus.Generating, justEnriched ? ProspectCounter.Enriched : ProspectCounter.None, null, clock.GetUtcNow(),
            cancellationToken, through: justEnriched ? ProspectStatus.Enriched : null);
        if (moved)
        {
            await MarkBatchGeneratingAsync(batchId, work.JobId, cancellationToken);
        }

        return moved;
    }

    /// <summary>
    /// ENRICHING or ENRICHED → GENERATING for the batch, the first time one of its prospects starts generation; that
    /// first time only, its workflow session moves on to EMAIL_GENERATION. Asked once per job in this process: every
    /// later prospect of the job would only run the same guarded statement on the same hot row again.
    /// </summary>
    private async Task MarkBatchGeneratingAsync(Guid batchId, Guid jobId, CancellationToken cancellationToken)
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

    /// <summary>Stores what enrichment found (upsert by prospect; an insert when <paramref name="stored"/> says there is no row yet).</summary>
    public async Task SaveEnrichmentAsync(Guid prospectId, EnrichmentOutcome outcome, bool stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.GetUtcNow();
        await WriteRowAsync(
            db => db.ProspectEnrichments, stored, e => e.ProspectId == prospectId, () => new ProspectEnrichment(prospectId, now),
            async (db, row) =>
            {
                if (row.Status != EnrichmentStatus.Processing)
                {
                    row.Start(now);
                }

                row.Complete(outcome.CompanyWebsite, outcome.CompanySummary, outcome.LinkedinSummary, outcome.TechStack, outcome.Sources, now);
                await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>The stored enrichment, as the providers see it.</summary>
    public async Task<EnrichmentOutcome> LoadEnrichmentAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ProspectEnrichments.AsNoTracking().SingleOrDefaultAsync(e => e.ProspectId == prospectId, cancellationToken);
        return EnrichmentOutcome.Of(row);
    }

    /// <summary>Stores (or replaces) the analysis; an insert when <paramref name="stored"/> says there is no row yet.</summary>
    public async Task SaveAnalysisAsync(Guid prospectId, AnalysisOutcome outcome, bool stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var now = clock.GetUtcNow();
        await WriteRowAsync(
            db => db.ProspectAnalyses, stored, a => a.ProspectId == prospectId, () => new ProspectAnalysis(prospectId, now),
            async (db, row) =>
            {
                var before = (Prompt: row.PromptTokens ?? 0, Completion: row.CompletionTokens ?? 0);
                row.Record(outcome.PersonalizationOpportunities, outcome.PainPoints, outcome.MarketPosition, outcome.SuggestedApproach,
                    outcome.ExecutiveSummary, outcome.ConfidenceScore, outcome.Sources, outcome.Model, now,
                    Tokens(outcome.Usage?.PromptTokens), Tokens(outcome.Usage?.CompletionTokens));

                // A re-run replaces the analysis, so the batch is charged the difference.
                await SaveChargingBatchAsync(db, prospectId, (row.PromptTokens ?? 0) - before.Prompt, (row.CompletionTokens ?? 0) - before.Completion, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>The stored analysis; throws when analysis has not run.</summary>
    public async Task<AnalysisOutcome> LoadAnalysisAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var a = await db.ProspectAnalyses.AsNoTracking().SingleOrDefaultAsync(x => x.ProspectId == prospectId, cancellationToken)
            ?? throw new PermanentProspectException("The prospect has no analysis to write an email from.");
        return new AnalysisOutcome(a.PersonalizationOpportunities, a.PainPoints, a.MarketPosition, a.SuggestedApproach, a.ExecutiveSummary, a.ConfidenceScore ?? 0, a.Sources, a.Model ?? "unknown");
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

    /// <summary>
    /// Stores the generated email (upsert by prospect; an insert when <paramref name="stored"/> says there is no row yet);
    /// an email already completed is kept as it is.
    /// </summary>
    public async Task SaveEmailAsync(
        Guid prospectId, EmailDraft draft, IReadOnlyList<string> qualityFlags, IReadOnlyList<EmailFact> factsUsed, GenerationStatus? stored, CancellationToken cancellationToken, string? footer = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        await WriteRowAsync(
            db => db.GeneratedEmails, stored is not null, e => e.ProspectId == prospectId, () => new GeneratedEmail(prospectId, now),
            async (db, row) =>
            {
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
            },
            cancellationToken);
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

    /// <summary>
    /// Writes the one row of a prospect's enrichment, analysis or email (the upsert): when the load saw no row it is
    /// inserted — one statement, no read — and when it saw one, or another execution of the same activity inserted it
    /// since (a unique violation), that row is read and written.
    /// </summary>
    private async Task WriteRowAsync<T>(
        Func<OutreachDbContext, DbSet<T>> rowsOf, bool stored, System.Linq.Expressions.Expression<Func<T, bool>> ofProspect, Func<T> create,
        Func<OutreachDbContext, T, Task> write, CancellationToken cancellationToken)
        where T : class
    {
        if (!stored)
        {
            await using var db = await OneTransactionContextAsync(cancellationToken);
            var row = create();
            rowsOf(db).Add(row);
            try
            {
                await write(db, row);
                return;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Inserted meanwhile by another execution of the activity: update that row below.
            }
        }

        await using (var db = await OneTransactionContextAsync(cancellationToken))
        {
            await write(db, await FindOrAddAsync(rowsOf(db), ofProspect, create, cancellationToken));
        }
    }

    /// <summary>The one row of a prospect's enrichment, analysis or email, added when it does not exist yet.</summary>
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
