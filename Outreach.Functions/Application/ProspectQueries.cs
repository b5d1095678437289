using Outreach.Data.Reads;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Application;

/// <summary>A batch's prospects and emails, paged and read by index, and one prospect or email — all read in plain SQL (<c>Outreach.Data.Reads</c>).</summary>
public sealed class ProspectQueries(ProspectReads reads, EmailReads emails)
{
    /// <summary>A page of a batch's prospects in ordinal order, optionally of one status.</summary>
    public async Task<Paged<ProspectSummary>> ListAsync(Guid batchId, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? (ProspectStatus?)null : Parse<ProspectStatus>(status, "status");
        await EnsureBatchAsync(batchId, cancellationToken);
        var (items, total) = await reads.ListAsync(batchId, wanted, (page - 1) * pageSize, pageSize, cancellationToken);
        return new Paged<ProspectSummary>(
            [.. items.Select(p => new ProspectSummary(p.Id, p.Ordinal, p.Name, p.Email, p.Company, p.Title, StatusLabel.Of(p.Status), p.ErrorMessage))], page, pageSize, total);
    }

    /// <summary>One prospect with its enrichment, analysis and email, or null.</summary>
    public async Task<ProspectDetail?> GetAsync(Guid prospectId, CancellationToken cancellationToken)
    {
        if (await reads.DetailAsync(prospectId, cancellationToken) is not { } p)
        {
            return null;
        }

        var email = await emails.OfProspectAsync(prospectId, cancellationToken);
        var (e, a) = (p.Enrichment, p.Analysis);

        // The fact sheet the pipeline builds from the stored prospect and enrichment, built here from the same columns.
        var prospect = new ProspectFacts(p.Id, p.BatchId, p.Name, p.Email, p.Company, p.Title, p.LinkedinUrl, p.Website, p.AdditionalData);
        var found = e is null ? EnrichmentOutcome.Of(null) : new EnrichmentOutcome(e.CompanyWebsite, e.CompanySummary, e.LinkedinSummary, e.TechStack, e.Sources);

        // Matched by source and text, not id: ids are positions, and a later enrichment can shift them.
        var used = email?.FactsUsed.Select(f => (f.Source, f.Text)).ToHashSet() ?? [];
        var facts = FactSheet.Of(prospect, found).Facts.Select(f => new FactView(f.Id, f.Source, f.Text, used.Contains((f.Source, f.Text))));
        return new ProspectDetail(
            p.Id, p.BatchId, p.CampaignId, p.Ordinal, p.Name, p.Email, p.Company, p.Title, p.LinkedinUrl, p.Website, StatusLabel.Of(p.Status), p.ErrorMessage, p.AdditionalData,
            e is null ? null : new EnrichmentView(StatusLabel.Of(e.Status), e.CompanyWebsite, e.CompanySummary, e.LinkedinSummary, e.TechStack, e.Sources, e.ErrorMessage),
            a is null ? null : new AnalysisView(a.PersonalizationOpportunities, a.PainPoints, a.MarketPosition, a.SuggestedApproach, a.ExecutiveSummary, a.ConfidenceScore, a.Sources, a.Model),
            email is null ? null : EmailView.Of(email),
            [.. facts],
            p.EmailVerification is { } v ? StatusLabel.Of(v) : null,
            p.EmailVerificationReason);
    }

    /// <summary>One generated email; a 404 for an unknown id.</summary>
    public async Task<EmailView> EmailAsync(Guid emailId, CancellationToken cancellationToken) =>
        EmailView.Of(await emails.GetAsync(emailId, cancellationToken) ?? throw ApiProblemException.NotFound("email", emailId));

    /// <summary>A page of the batch's generated emails in ordinal order, optionally of one review status (a database label, any case).</summary>
    public async Task<Paged<EmailView>> EmailsAsync(Guid batchId, string? review, int page, int pageSize, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(review) ? (ReviewStatus?)null : Parse<ReviewStatus>(review, "review");
        await EnsureBatchAsync(batchId, cancellationToken);
        var (items, total) = await emails.ListAsync(batchId, wanted, (page - 1) * pageSize, pageSize, cancellationToken);
        return new Paged<EmailView>([.. items.Select(EmailView.Of)], page, pageSize, total);
    }

    /// <summary>The enum value whose database label is <paramref name="label"/> (any case), or a 400 listing the labels.</summary>
    internal static T Parse<T>(string label, string name, IReadOnlyCollection<T>? among = null)
        where T : struct, Enum
    {
        var values = among ?? Enum.GetValues<T>();
        return values.Cast<T?>().FirstOrDefault(v => string.Equals(StatusLabel.Of(v!.Value), label.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new DomainValidationException($"{name} '{label}' is not one of {string.Join(", ", values.Select(v => StatusLabel.Of(v)))}.");
    }

    /// <summary>A 404 for a batch that does not exist: what every route over a batch's rows checks first.</summary>
    public async Task EnsureBatchAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await reads.BatchExistsAsync(batchId, cancellationToken))
        {
            throw ApiProblemException.NotFound("batch", batchId);
        }
    }
}
