using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>The email written for one prospect, and a person's review of it; one row per prospect, upserted.</summary>
public sealed class GeneratedEmail : Entity
{
    private GeneratedEmail()
    {
    }

    /// <summary>Creates a PENDING email for <paramref name="prospectId"/>.</summary>
    public GeneratedEmail(Guid prospectId, DateTimeOffset now)
        : base(now)
    {
        ProspectId = prospectId;
        GenerationStatus = GenerationStatus.Pending;
        ReviewStatus = ReviewStatus.PendingReview;
    }

    public Guid ProspectId { get; private set; }

    public string? Subject { get; private set; }

    public string? Body { get; private set; }

    /// <summary>The campaign's footer rendered for this prospect (postal address, opt-out), kept apart from the body a reviewer edits.</summary>
    public string? Footer { get; private set; }

    public GenerationStatus GenerationStatus { get; private set; }

    public string? Model { get; private set; }

    public ReviewStatus ReviewStatus { get; private set; }

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? GeneratedAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>What the reviewer said with the verdict (why it was rejected, what to change), if anything.</summary>
    public string? ReviewNote { get; private set; }

    /// <summary>The subject as generated, kept when a reviewer first edits the email; null while it is unedited.</summary>
    public string? OriginalSubject { get; private set; }

    /// <summary>The body as generated, kept when a reviewer first edits the email; null while it is unedited.</summary>
    public string? OriginalBody { get; private set; }

    /// <summary>When a reviewer last edited it; null while it is as generated.</summary>
    public DateTimeOffset? EditedAt { get; private set; }

    /// <summary>What the quality gate found wrong (empty when nothing); a flagged email starts in review as NEEDS_ATTENTION.</summary>
    public List<string> QualityFlags { get; private set; } = [];

    /// <summary>The facts the email rests on, with their sources.</summary>
    public List<EmailFact> FactsUsed { get; private set; } = [];

    /// <summary>
    /// SHA-256 of the body (hex), so "does another email of the batch say exactly this?" is an index lookup rather
    /// than a comparison with every body of the batch.
    /// </summary>
    public string? BodyHash { get; private set; }

    /// <summary>Input tokens of the model calls that wrote it (every attempt); null for a template.</summary>
    public int? PromptTokens { get; private set; }

    /// <summary>Output tokens of the model calls that wrote it; null for a template.</summary>
    public int? CompletionTokens { get; private set; }

    /// <summary>→ GENERATING.</summary>
    public void StartGenerating(DateTimeOffset now)
    {
        StartedAt = MoveTo(GenerationStatus.Generating, now);
        ErrorMessage = null;
    }

    /// <summary>GENERATING → COMPLETED with the email; with quality flags it waits in review as NEEDS_ATTENTION.</summary>
    public void Complete(string subject, string body, string? model, DateTimeOffset now, EmailAssessment? assessment = null, string? footer = null)
    {
        Footer = Guard.Optional(footer, nameof(footer), 10_000);
        var s = Guard.Required(subject, nameof(subject), 500);
        var b = Guard.Required(body, nameof(body), int.MaxValue);
        GeneratedAt = MoveTo(GenerationStatus.Completed, now);
        Subject = s;
        Body = b;
        BodyHash = HashOf(b);
        Model = model;
        QualityFlags = [.. assessment?.QualityFlags ?? []];
        FactsUsed = [.. assessment?.FactsUsed ?? []];
        PromptTokens = assessment?.PromptTokens;
        CompletionTokens = assessment?.CompletionTokens;
        if (ReviewedAt is null)
        {
            ReviewStatus = QualityFlags.Count > 0 ? ReviewStatus.NeedsAttention : ReviewStatus.PendingReview;
        }
    }

    /// <summary>
    /// A reviewer's edit: the first one keeps the generated subject and body as the original; the quality gate's
    /// assessment of the new text replaces the old flags and facts; the review starts over (PENDING_REVIEW, or
    /// NEEDS_ATTENTION when flagged), since what was approved is no longer what would be sent.
    /// </summary>
    public void Edit(string subject, string body, EmailAssessment assessment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (GenerationStatus != GenerationStatus.Completed)
        {
            throw new InvalidStatusTransitionException("Email edit", GenerationStatus, GenerationStatus.Completed);
        }

        var s = Guard.Required(subject, nameof(subject), 500);
        var b = Guard.Required(body, nameof(body), int.MaxValue);
        OriginalSubject ??= Subject;
        OriginalBody ??= Body;
        (Subject, Body, BodyHash) = (s, b, HashOf(b));
        QualityFlags = [.. assessment.QualityFlags];
        FactsUsed = [.. assessment.FactsUsed];
        var review = QualityFlags.Count > 0 ? ReviewStatus.NeedsAttention : ReviewStatus.PendingReview;
        if (review != ReviewStatus)
        {
            Rules.Review.EnsureCanMove(ReviewStatus, review);
            ReviewStatus = review;
        }

        ReviewedAt = null;
        EditedAt = Touch(now);
    }

    /// <summary>The <see cref="BodyHash"/> of <paramref name="body"/>.</summary>
    public static string HashOf(string body) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body ?? string.Empty)));

    /// <summary>→ FAILED with the reason.</summary>
    public void Fail(string reason, DateTimeOffset now)
    {
        var message = Guard.Reason(reason);
        FailedAt = MoveTo(GenerationStatus.Failed, now);
        ErrorMessage = message;
    }

    /// <summary>Records a reviewer's verdict, with an optional note; only a generated email can be reviewed.</summary>
    public void Review(ReviewStatus verdict, DateTimeOffset now, string? note = null)
    {
        if (GenerationStatus != GenerationStatus.Completed)
        {
            // Named by the generation status, which is what forbids the review.
            throw new InvalidStatusTransitionException("Email review", GenerationStatus, verdict);
        }

        Rules.Review.EnsureCanMove(ReviewStatus, verdict);
        ReviewStatus = verdict;
        ReviewNote = Guard.Optional(note, "note", 2000);
        ReviewedAt = Touch(now);
    }

    private DateTimeOffset MoveTo(GenerationStatus next, DateTimeOffset now)
    {
        Rules.Generation.EnsureCanMove(GenerationStatus, next);
        GenerationStatus = next;
        return Touch(now);
    }
}
