using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>A person to write to, imported from one CSV row. Unique per campaign by normalized email.</summary>
public sealed class Prospect : Entity
{
    private Prospect()
    {
    }

    /// <summary>Creates a PENDING prospect at position <paramref name="ordinal"/> of its batch.</summary>
    public Prospect(
        Guid campaignId,
        Guid batchId,
        int ordinal,
        string email,
        string? name,
        string? company,
        string? title,
        string? linkedinUrl,
        string? website,
        IReadOnlyDictionary<string, string>? additionalData,
        DateTimeOffset now,
        string? externalId = null)
        : base(now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        CampaignId = campaignId;
        BatchId = batchId;
        Ordinal = ordinal;
        Email = Guard.Required(email, nameof(email), 320);
        EmailNormalized = NormalizeEmail(Email);
        Name = Guard.Optional(name, nameof(name), 300);
        Company = Guard.Optional(company, nameof(company), 300);
        Title = Guard.Optional(title, nameof(title), 300);
        LinkedinUrl = Guard.Optional(linkedinUrl, nameof(linkedinUrl), 2048);
        Website = Guard.Optional(website, nameof(website), 2048);
        ExternalId = Guard.Optional(externalId, nameof(externalId), MaxExternalIdChars);
        AdditionalData = additionalData is null ? [] : new Dictionary<string, string>(additionalData);
        Status = ProspectStatus.Pending;
    }

    /// <summary>The longest CRM record id kept.</summary>
    public const int MaxExternalIdChars = 200;

    public Guid CampaignId { get; private set; }

    /// <summary>The record's id in the CRM the file came from (<c>Record ID</c>, <c>Lead ID</c>, …), for joining the exports back; never shown to a model.</summary>
    public string? ExternalId { get; private set; }

    public Guid BatchId { get; private set; }

    public int Ordinal { get; private set; }

    public string? Name { get; private set; }

    public string Email { get; private set; } = null!;

    public string EmailNormalized { get; private set; } = null!;

    public string? Company { get; private set; }

    public string? Title { get; private set; }

    public string? LinkedinUrl { get; private set; }

    public string? Website { get; private set; }

    public ProspectStatus Status { get; private set; }

    public Dictionary<string, string> AdditionalData { get; private set; } = [];

    public string? ErrorMessage { get; private set; }

    /// <summary>What the address check found; null until the pipeline has checked it.</summary>
    public EmailVerification? EmailVerification { get; private set; }

    /// <summary>Why, in words (e.g. "the domain has no MX record", "role account (info@)").</summary>
    public string? EmailVerificationReason { get; private set; }

    public DateTimeOffset? EnrichmentStartedAt { get; private set; }

    public DateTimeOffset? EnrichedAt { get; private set; }

    public DateTimeOffset? GenerationStartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public ProspectEnrichment? Enrichment { get; private set; }

    public ProspectAnalysis? Analysis { get; private set; }

    public GeneratedEmail? GeneratedEmail { get; private set; }

    /// <summary>The form used for uniqueness and dedupe: trimmed and lower-cased.</summary>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    private DateTimeOffset MoveTo(ProspectStatus next, DateTimeOffset now)
    {
        Rules.Prospect.EnsureCanMove(Status, next);
        Status = next;
        return Touch(now);
    }
}
