using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;

namespace Outreach.Domain.Entities;

/// <summary>A named outreach effort: what is sold, how emails are written and which sources enrich prospects.</summary>
public sealed class Campaign : Entity
{
    /// <summary>Default subject limit in characters when the campaign sets none.</summary>
    public const int DefaultMaxSubjectChars = 80;

    /// <summary>Default body limit in words when the campaign sets none.</summary>
    public const int DefaultMaxBodyWords = 150;

    /// <summary>Default least body length in words: shorter reads as a mail merge (the quality gate flags it).</summary>
    public const int DefaultMinBodyWords = 50;

    private Campaign()
    {
    }

    /// <summary>Creates a campaign; flags must be known and required sources must be among them.</summary>
    public Campaign(
        string name,
        string emailSubject,
        string prompt,
        Guid serviceId,
        IEnumerable<string>? enrichmentFlags,
        IEnumerable<string>? requiredEnrichment,
        DedupeScope dedupeScope,
        DateTimeOffset now,
        int maxSubjectChars = DefaultMaxSubjectChars,
        int maxBodyWords = DefaultMaxBodyWords,
        string? emailBody = null,
        CampaignSender? sender = null,
        int minBodyWords = DefaultMinBodyWords,
        VerificationPolicy verification = VerificationPolicy.SkipInvalid,
        CampaignCompliance? compliance = null)
        : base(now)
    {
        Verification = verification;
        Footer = Guard.Optional(compliance?.Footer, "footer", 5_000);
        Unsubscribe = compliance?.Unsubscribe is { } unsubscribe ? CampaignCompliance.CheckUnsubscribe(unsubscribe) : null;
        EmailBody = Guard.Optional(emailBody, nameof(emailBody), 20_000);
        SenderName = Guard.Optional(sender?.Name, "senderName", 200);
        SenderTitle = Guard.Optional(sender?.Title, "senderTitle", 200);
        SenderCompany = Guard.Optional(sender?.Company, "senderCompany", 200);
        Name = Guard.Required(name, nameof(name), 200);
        EmailSubject = Guard.Required(emailSubject, nameof(emailSubject), 500);
        Prompt = Guard.Required(prompt, nameof(prompt), int.MaxValue);
        ServiceId = serviceId;
        DedupeScope = dedupeScope;
        EnrichmentFlags = NormalizeFlags(enrichmentFlags, nameof(enrichmentFlags));
        RequiredEnrichment = NormalizeFlags(requiredEnrichment, nameof(requiredEnrichment));
        var notEnabled = RequiredEnrichment.Except(EnrichmentFlags).ToList();
        if (notEnabled.Count > 0)
        {
            throw new DomainValidationException($"Required enrichment {string.Join(", ", notEnabled)} is not among the campaign's enrichment flags.");
        }

        MaxSubjectChars = maxSubjectChars is > 0 and <= 500
            ? maxSubjectChars
            : throw new DomainValidationException("maxSubjectChars must be between 1 and 500.");
        MaxBodyWords = maxBodyWords > 0 ? maxBodyWords : throw new DomainValidationException("maxBodyWords must be positive.");
        MinBodyWords = minBodyWords >= 0 && minBodyWords <= maxBodyWords
            ? minBodyWords
            : throw new DomainValidationException($"minBodyWords must be between 0 and maxBodyWords ({maxBodyWords}), not {minBodyWords}.");
    }

    public string Name { get; private set; } = null!;

    public string EmailSubject { get; private set; } = null!;

    public string Prompt { get; private set; } = null!;

    /// <summary>The body template (Liquid), like <see cref="EmailSubject"/>; null uses the built-in one.</summary>
    public string? EmailBody { get; private set; }

    /// <summary>
    /// The footer (Liquid, like the body) every email of the campaign ends with: the sender's postal address and an
    /// opt-out sentence (CAN-SPAM); rendered for each prospect when the email is written. A push requires one.
    /// </summary>
    public string? Footer { get; private set; }

    /// <summary>Where a recipient opts out: a <c>mailto:</c> address or an <c>https://</c> URL, the exports' List-Unsubscribe value.</summary>
    public string? Unsubscribe { get; private set; }

    /// <summary>Who signs the emails (templates' <c>sender.name</c>, <c>sender.title</c>, <c>sender.company</c>).</summary>
    public string? SenderName { get; private set; }

    public string? SenderTitle { get; private set; }

    public string? SenderCompany { get; private set; }

    public Guid ServiceId { get; private set; }

    public List<string> EnrichmentFlags { get; private set; } = [];

    public List<string> RequiredEnrichment { get; private set; } = [];

    public DedupeScope DedupeScope { get; private set; }

    public int MaxSubjectChars { get; private set; }

    public int MaxBodyWords { get; private set; }

    /// <summary>Which prospects are processed, by their address check; skipped ones are recorded, not failed.</summary>
    public VerificationPolicy Verification { get; private set; }

    /// <summary>The least words a body should have; the quality gate flags a shorter one.</summary>
    public int MinBodyWords { get; private set; }

    /// <summary>
    /// Takes every setting of <paramref name="revised"/> — a campaign built, and so validated, from the new settings —
    /// but its identity (id, name, creation time): <c>outreach campaign apply</c> on an existing campaign. Prospects
    /// already imported keep their rows; the settings apply to work done from now on.
    /// </summary>
    public void Revise(Campaign revised, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(revised);
        EmailSubject = revised.EmailSubject;
        Prompt = revised.Prompt;
        EmailBody = revised.EmailBody;
        SenderName = revised.SenderName;
        SenderTitle = revised.SenderTitle;
        SenderCompany = revised.SenderCompany;
        ServiceId = revised.ServiceId;
        EnrichmentFlags = [.. revised.EnrichmentFlags];
        RequiredEnrichment = [.. revised.RequiredEnrichment];
        DedupeScope = revised.DedupeScope;
        MaxSubjectChars = revised.MaxSubjectChars;
        MaxBodyWords = revised.MaxBodyWords;
        MinBodyWords = revised.MinBodyWords;
        Verification = revised.Verification;
        Footer = revised.Footer;
        Unsubscribe = revised.Unsubscribe;
        Touch(now);
    }

    private static List<string> NormalizeFlags(IEnumerable<string>? flags, string name)
    {
        var normalized = (flags ?? []).Select(f => f.Trim().ToLowerInvariant()).Distinct().ToList();
        var unknown = normalized.Where(f => !Entities.EnrichmentFlags.All.Contains(f)).ToList();
        return unknown.Count == 0
            ? normalized
            : throw new DomainValidationException(
                $"Unknown {name}: {string.Join(", ", unknown)}. Known flags: {string.Join(", ", Entities.EnrichmentFlags.All)}.");
    }
}
