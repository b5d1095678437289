using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>What the enrichment sources found about one prospect; one row per prospect, upserted.</summary>
public sealed class ProspectEnrichment : Entity
{
    private ProspectEnrichment()
    {
    }

    /// <summary>Creates a PENDING enrichment for <paramref name="prospectId"/>.</summary>
    public ProspectEnrichment(Guid prospectId, DateTimeOffset now)
        : base(now)
    {
        ProspectId = prospectId;
        Status = EnrichmentStatus.Pending;
    }

    public Guid ProspectId { get; private set; }

    public EnrichmentStatus Status { get; private set; }

    public string? CompanyWebsite { get; private set; }

    public string? CompanySummary { get; private set; }

    public string? LinkedinSummary { get; private set; }

    public List<TechStackItem> TechStack { get; private set; } = [];

    /// <summary>Per source (linkedin, website, techstack): status, source, fetched_at, error.</summary>
    public Dictionary<string, SourceResult> EnrichmentData { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>→ PROCESSING.</summary>
    public void Start(DateTimeOffset now)
    {
        StartedAt = MoveTo(EnrichmentStatus.Processing, now);
        ErrorMessage = null;
    }

    /// <summary>PROCESSING → COMPLETED with what was found.</summary>
    public void Complete(
        string? companyWebsite,
        string? companySummary,
        string? linkedinSummary,
        IEnumerable<TechStackItem>? techStack,
        IReadOnlyDictionary<string, SourceResult> enrichmentData,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(enrichmentData);
        CompletedAt = MoveTo(EnrichmentStatus.Completed, now);
        CompanyWebsite = companyWebsite;
        CompanySummary = companySummary;
        LinkedinSummary = linkedinSummary;
        TechStack = techStack?.ToList() ?? [];
        EnrichmentData = new Dictionary<string, SourceResult>(enrichmentData);
    }

    /// <summary>→ FAILED (a required source failed), keeping the per-source results.</summary>
    public void Fail(string reason, IReadOnlyDictionary<string, SourceResult>? enrichmentData, DateTimeOffset now)
    {
        var message = Guard.Reason(reason);
        FailedAt = MoveTo(EnrichmentStatus.Failed, now);
        ErrorMessage = message;
        if (enrichmentData is not null)
        {
            EnrichmentData = new Dictionary<string, SourceResult>(enrichmentData);
        }
    }

    private DateTimeOffset MoveTo(EnrichmentStatus next, DateTimeOffset now)
    {
        Rules.Enrichment.EnsureCanMove(Status, next);
        Status = next;
        return Touch(now);
    }
}
