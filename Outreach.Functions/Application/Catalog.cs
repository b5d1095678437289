using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Outreach.Data.Persistence;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.StatusRules;

namespace Outreach.Functions.Application;

/// <summary>A service as the API shows it.</summary>
public sealed record ServiceView(Guid Id, string Name, string Description, string ValueProposition, IReadOnlyList<string> TargetIndustries, DateTimeOffset CreatedAt)
{
    internal static ServiceView Of(ServiceRow s) => new(s.Id, s.Name, s.Description, s.ValueProposition, s.TargetIndustries, s.CreatedAt);
}

/// <summary>A campaign as the API shows it.</summary>
public sealed record CampaignView(
    Guid Id, string Name, string EmailSubject, string Prompt, IReadOnlyList<string> EnrichmentFlags, IReadOnlyList<string> RequiredEnrichment,
    Guid ServiceId, string DedupeScope, int MaxSubjectChars, int MaxBodyWords, DateTimeOffset CreatedAt,
    string? EmailBody, string? SenderName, string? SenderTitle, string? SenderCompany, int MinBodyWords, string Verification,
    string? Footer = null, string? Unsubscribe = null)
{
    internal static CampaignView Of(CampaignRow c) => new(
        c.Id, c.Name, c.EmailSubject, c.Prompt, c.EnrichmentFlags, c.RequiredEnrichment, c.ServiceId, StatusLabel.Of(c.DedupeScope), c.MaxSubjectChars, c.MaxBodyWords, c.CreatedAt,
        c.EmailBody, c.SenderName, c.SenderTitle, c.SenderCompany, c.MinBodyWords, StatusLabel.Of(c.Verification).ToLowerInvariant(), c.Footer, c.Unsubscribe);
}

/// <summary>
/// Services and campaigns: create and change them (validated by the entities). Writes go through EF Core and answer with
/// what <see cref="CatalogQueries"/> reads back, so each view has one mapping.
/// </summary>
public sealed class Catalog(IDbContextFactory<OutreachDbContext> contexts, CatalogQueries queries, TimeProvider clock)
{
    /// <summary>Creates a service; a taken name is a conflict.</summary>
    public async Task<ServiceView> CreateServiceAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new DomainValidationException("name is required.");
        }

        if (await db.Services.AnyAsync(s => s.Name == request.Name.Trim(), cancellationToken))
        {
            throw new DomainConflictException($"A service named '{request.Name.Trim()}' already exists.");
        }

        var service = new Service(request.Name, request.Description ?? string.Empty, request.ValueProposition ?? string.Empty, request.TargetIndustries, clock.GetUtcNow());
        db.Services.Add(service);
        await SaveAsync(db, $"A service named '{service.Name}' already exists.", cancellationToken);
        return (await queries.ServiceAsync(service.Id, cancellationToken))!;
    }

    /// <summary>Creates a campaign (and its inline service).</summary>
    public async Task<CampaignView> CreateCampaignAsync(CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            var created = await request.CreateAsync(db, clock.GetUtcNow(), cancellationToken);
            return (await queries.CampaignAsync(created.Id, cancellationToken))!;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two creations raced past the name check.
            throw new DomainConflictException($"A campaign named '{request.Name?.Trim()}' already exists.");
        }
    }

    /// <summary>
    /// The campaign named by <paramref name="request"/>, created when no campaign has that name. Safe when several
    /// callers do it at once (three `outreach run --campaign new.json` started together): the one whose insert loses
    /// on the unique name reads the winner's campaign (or, when it lost only on the service's name, tries again and
    /// reuses that service).
    /// </summary>
    public async Task<(Campaign Campaign, bool Created)> GetOrCreateCampaignAsync(CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var name = request.Name?.Trim();
            if (await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken) is { } existing)
            {
                return (existing, false);
            }

            try
            {
                return (await request.CreateAsync(db, clock.GetUtcNow(), cancellationToken), true);
            }
            catch (Exception ex) when (attempt < 3
                && (ex is DomainConflictException || ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } }))
            {
                // Another caller created the campaign (seen by the create's own name check, or by the unique key) or
                // its service first; look again.
            }
        }
    }

    /// <summary>
    /// Creates the campaign <paramref name="request"/> names, or — when one of that name exists (any case) — gives it
    /// the request's settings (its service's too, when the service keeps its name) and says what changed.
    /// Validated like a creation, templates included; nothing is stored when a value is refused.
    /// </summary>
    public async Task<CampaignApplied> ApplyCampaignAsync(CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = string.IsNullOrWhiteSpace(request.Name) ? null : await db.Campaigns.FindByReferenceAsync(request.Name, cancellationToken);
        if (existing is null)
        {
            var (created, _) = await GetOrCreateCampaignAsync(request, cancellationToken);
            return new CampaignApplied((await queries.CampaignAsync(created.Id, cancellationToken))!, Created: true, []);
        }

        return await ReviseAsync(db, existing, request, cancellationToken);
    }

    /// <summary>
    /// <c>PUT /api/campaigns/{id}</c>: the campaign gets the request's settings (its name stays: a drop's folder may name
    /// it), validated like a creation; says what changed. A 404 when there is no such campaign.
    /// </summary>
    public async Task<CampaignApplied> UpdateCampaignAsync(Guid id, CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw ApiProblemException.NotFound("campaign", id);
        if (!string.IsNullOrWhiteSpace(request.Name) && !string.Equals(request.Name.Trim(), existing.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainValidationException($"A campaign keeps its name ('{existing.Name}'); create a new campaign for '{request.Name.Trim()}'.");
        }

        return await ReviseAsync(db, existing, request, cancellationToken);
    }

    // The one revision of a stored campaign: built and checked as a creation would be, saved only when something changed.
    private async Task<CampaignApplied> ReviseAsync(OutreachDbContext db, Campaign existing, CampaignRequest request, CancellationToken cancellationToken)
    {
        var before = await DescribeAsync(db, existing, cancellationToken);
        var now = clock.GetUtcNow();
        existing.Revise(await (request with { Name = existing.Name }).BuildAsync(db, now, reviseService: true, cancellationToken), now);
        var after = await DescribeAsync(db, existing, cancellationToken);
        var changes = before.Where(b => after[b.Key] != b.Value).Select(b => Change(b.Key, b.Value, after[b.Key])).ToList();
        if (changes.Count > 0)
        {
            await SaveAsync(db, $"A service named '{request.Service?.Name}' already exists.", cancellationToken);
        }

        return new CampaignApplied((await queries.CampaignAsync(existing.Id, cancellationToken))!, Created: false, changes);
    }

    // The settings a person edits, as text, so two versions compare value by value.
    private static async Task<Dictionary<string, string>> DescribeAsync(OutreachDbContext db, Campaign campaign, CancellationToken cancellationToken)
    {
        var service = db.Services.Local.FirstOrDefault(s => s.Id == campaign.ServiceId)
            ?? await db.Services.SingleAsync(s => s.Id == campaign.ServiceId, cancellationToken);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["emailSubject"] = campaign.EmailSubject,
            ["emailBody"] = campaign.EmailBody ?? string.Empty,
            ["prompt"] = campaign.Prompt,
            ["enrichmentFlags"] = string.Join(", ", campaign.EnrichmentFlags),
            ["requiredEnrichment"] = string.Join(", ", campaign.RequiredEnrichment),
            ["dedupeScope"] = StatusLabel.Of(campaign.DedupeScope),
            ["verification"] = StatusLabel.Of(campaign.Verification).ToLowerInvariant(),
            ["maxSubjectChars"] = campaign.MaxSubjectChars.ToString(CultureInfo.InvariantCulture),
            ["minBodyWords"] = campaign.MinBodyWords.ToString(CultureInfo.InvariantCulture),
            ["maxBodyWords"] = campaign.MaxBodyWords.ToString(CultureInfo.InvariantCulture),
            ["senderName"] = campaign.SenderName ?? string.Empty,
            ["senderTitle"] = campaign.SenderTitle ?? string.Empty,
            ["senderCompany"] = campaign.SenderCompany ?? string.Empty,
            ["footer"] = campaign.Footer ?? string.Empty,
            ["unsubscribe"] = campaign.Unsubscribe ?? string.Empty,
            ["service"] = service.Name,
            ["service.description"] = service.Description,
            ["service.valueProposition"] = service.ValueProposition,
            ["service.targetIndustries"] = string.Join(", ", service.TargetIndustries),
        };
    }

    // Short values are shown before and after; long ones (a prompt, a body) by their length.
    private static string Change(string setting, string before, string after) =>
        before.Length > 60 || after.Length > 60 || before.Contains('\n', StringComparison.Ordinal) || after.Contains('\n', StringComparison.Ordinal)
            ? $"{setting}: changed ({before.Length} -> {after.Length} characters)"
            : $"{setting}: {Quoted(before)} -> {Quoted(after)}";

    private static string Quoted(string value) => value.Length == 0 ? "(none)" : $"'{value}'";

    private static async Task SaveAsync(OutreachDbContext db, string conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainConflictException(conflict);
        }
    }
}
