namespace Outreach.Functions.Contracts;

/// <summary>What the campaign asks for, for prompts and templates. <paramref name="EmailBody"/> null means the built-in body template.</summary>
public sealed record CampaignBrief(
    Guid Id, string Name, string EmailSubject, string Prompt, IReadOnlyList<string> EnrichmentFlags, IReadOnlyList<string> RequiredEnrichment,
    string ServiceName, string ServiceDescription, string ValueProposition, int MaxSubjectChars, int MaxBodyWords,
    string? EmailBody = null, Domain.Entities.CampaignSender? Sender = null, int MinBodyWords = 0,
    Domain.Enums.VerificationPolicy Verification = Domain.Enums.VerificationPolicy.Off, string? Footer = null, string? Unsubscribe = null)
{
    /// <summary>The brief of <paramref name="campaign"/>, which sells <paramref name="service"/>.</summary>
    public static CampaignBrief Of(Domain.Entities.Campaign campaign, Domain.Entities.Service service)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(service);
        return new CampaignBrief(
            campaign.Id, campaign.Name, campaign.EmailSubject, campaign.Prompt, campaign.EnrichmentFlags, campaign.RequiredEnrichment,
            service.Name, service.Description, service.ValueProposition, campaign.MaxSubjectChars, campaign.MaxBodyWords,
            campaign.EmailBody, new Domain.Entities.CampaignSender(campaign.SenderName, campaign.SenderTitle, campaign.SenderCompany), campaign.MinBodyWords,
            campaign.Verification, campaign.Footer, campaign.Unsubscribe);
    }
}
