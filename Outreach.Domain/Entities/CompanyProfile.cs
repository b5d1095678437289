namespace Outreach.Domain.Entities;

/// <summary>Company-level enrichment cached per domain, so every prospect of one company costs one provider call.</summary>
public sealed class CompanyProfile : Entity
{
    private CompanyProfile()
    {
    }

    /// <summary>Creates an empty profile for <paramref name="domain"/> (lower-cased, without "www.").</summary>
    public CompanyProfile(string domain, DateTimeOffset now)
        : base(now)
    {
        Domain = NormalizeDomain(Guard.Required(domain, nameof(domain), 253));
    }

    public string Domain { get; private set; } = null!;

    public string? Website { get; private set; }

    public string? CompanySummary { get; private set; }

    public List<TechStackItem> TechStack { get; private set; } = [];

    /// <summary>Which source produced each field (website, company_summary, tech_stack).</summary>
    public Dictionary<string, SourceResult> Sources { get; private set; } = [];

    public DateTimeOffset? FetchedAt { get; private set; }

    /// <summary>The cache key form of a domain.</summary>
    public static string NormalizeDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var d = domain.Trim().TrimEnd('.').ToLowerInvariant();
        return d.StartsWith("www.", StringComparison.Ordinal) ? d[4..] : d;
    }

    /// <summary>Stores the website result.</summary>
    public void RecordWebsite(string? website, string? companySummary, SourceResult source, DateTimeOffset now)
    {
        Website = website;
        CompanySummary = companySummary;
        Sources = new Dictionary<string, SourceResult>(Sources) { ["website"] = source };
        FetchedAt = Touch(now);
    }

    /// <summary>Stores the tech-stack result.</summary>
    public void RecordTechStack(IEnumerable<TechStackItem> techStack, SourceResult source, DateTimeOffset now)
    {
        TechStack = [.. techStack];
        Sources = new Dictionary<string, SourceResult>(Sources) { ["tech_stack"] = source };
        FetchedAt = Touch(now);
    }
}
