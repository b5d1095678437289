using Outreach.Functions.Contracts;

namespace Outreach.Functions.Templating;

/// <summary>
/// What a campaign template sees for one prospect: the imported row (its fields and every column by its original
/// header, <c>csv["Header"]</c>), what enrichment found, the service and the sender. Values are data: Liquid
/// delimiters in them are removed, so a CSV cell cannot inject template code.
/// </summary>
public sealed record TemplateModel(
    string? FirstName,
    string? LastName,
    string? Name,
    string? Company,
    string? Title,
    string? Website,
    IReadOnlyDictionary<string, string> Csv,
    string? CompanySummary,
    IReadOnlyList<string> TechStack,
    string? LinkedinHeadline,
    string ServiceName,
    string ServiceDescription,
    string ValueProposition,
    string? SenderName,
    string? SenderTitle,
    string? SenderCompany)
{
    /// <summary>A prospect with every value set: templates are rendered against it when they are checked.</summary>
    public static TemplateModel Sample { get; } = new(
        "Ada", "Lovelace", "Ada Lovelace", "Analytical Engines", "CTO", "https://engines.example",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Industry"] = "Computing" },
        "Analytical Engines builds general-purpose computing machines.", ["Kubernetes", "PostgreSQL"], "CTO at Analytical Engines",
        "Cloud Cost Review", "A two-week review.", "Lower cloud bills.", "Sam", "Advisor", "Northwind");

    /// <summary>The model of one prospect.</summary>
    public static TemplateModel For(ProspectFacts prospect, EnrichmentOutcome? enrichment, CampaignBrief campaign)
    {
        ArgumentNullException.ThrowIfNull(prospect);
        ArgumentNullException.ThrowIfNull(campaign);
        var (first, last) = Domain.Entities.PersonName.Split(prospect.Name);
        return new TemplateModel(
            first,
            last,
            prospect.Name,
            prospect.Company,
            prospect.Title,
            enrichment?.CompanyWebsite ?? prospect.Website,
            new Dictionary<string, string>(prospect.AdditionalData, StringComparer.OrdinalIgnoreCase),
            enrichment?.CompanySummary,
            [.. (enrichment?.TechStack ?? []).Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase)],
            HeadlineOf(enrichment?.LinkedinSummary),
            campaign.ServiceName,
            campaign.ServiceDescription,
            campaign.ValueProposition,
            campaign.Sender?.Name,
            campaign.Sender?.Title,
            campaign.Sender?.Company);
    }

    /// <summary>The template variables and their values, Liquid delimiters removed from every text.</summary>
    public IEnumerable<(string Name, object? Value)> Values()
    {
        yield return ("first_name", Data(FirstName));
        yield return ("last_name", Data(LastName));
        yield return ("name", Data(Name));
        yield return ("company", Data(Company));
        yield return ("title", Data(Title));
        yield return ("website", Data(Website));
        yield return ("csv", Csv.ToDictionary(kv => kv.Key, kv => (object?)Data(kv.Value), StringComparer.OrdinalIgnoreCase));
        yield return ("company_summary", Data(CompanySummary));
        yield return ("tech_stack", TechStack.Select(Data).ToArray());
        yield return ("linkedin_headline", Data(LinkedinHeadline));
        yield return ("service", new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = Data(ServiceName),
            ["description"] = Data(ServiceDescription),
            ["value_proposition"] = Data(ValueProposition),
        });
        yield return ("sender", new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = Data(SenderName),
            ["title"] = Data(SenderTitle),
            ["company"] = Data(SenderCompany),
        });
    }

    private static string? Data(string? value) => value is null
        ? null
        : value.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal)
            .Replace("{%", string.Empty, StringComparison.Ordinal).Replace("%}", string.Empty, StringComparison.Ordinal).Trim();

    private static string? HeadlineOf(string? linkedinSummary) =>
        linkedinSummary?.Split('\n').FirstOrDefault(l => l.StartsWith("Headline: ", StringComparison.Ordinal))?["Headline: ".Length..].Trim();
}
