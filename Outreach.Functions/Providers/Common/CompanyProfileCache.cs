using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Providers.Common;

/// <summary>
/// Website and tech-stack results cached per company domain in <c>company_profiles</c>, so the 50 prospects of one
/// company cost one call per source. Fetches of one domain are single-flight across every worker: a transaction-scoped
/// advisory lock on the domain is held while the provider is called, so the others wait and then read the row. A
/// permanent failure is cached too (for at most a day), so a dead website is not asked 50 times; a transient one is not.
/// </summary>
public sealed class CompanyProfileCache(IDbContextFactory<OutreachDbContext> contexts, IOptionsMonitor<ProviderPolicyOptions> options, TimeProvider clock)
{
    private const string WebsiteField = "website";
    private const string TechStackField = "tech_stack";

    /// <summary>The cached website facts of <paramref name="domain"/>, or what <paramref name="fetch"/> finds (then cached).</summary>
    public Task<(WebsiteFacts Facts, SourceResult Result)> GetWebsiteAsync(string domain, Func<CancellationToken, Task<WebsiteFacts>> fetch, CancellationToken cancellationToken) =>
        GetAsync(
            domain,
            WebsiteField,
            p => new WebsiteFacts(p.Website ?? string.Empty, p.CompanySummary ?? string.Empty, p.Sources[WebsiteField].Source ?? "cache"),
            fetch,
            (p, facts, now) => p.RecordWebsite(facts.Website, facts.Summary, new SourceResult("ok", facts.Source, now), now),
            (p, error, now) => p.RecordWebsite(null, null, new SourceResult("failed", null, now, error), now),
            facts => facts.Source,
            cancellationToken);

    /// <summary>The cached tech stack of <paramref name="domain"/>, or what <paramref name="fetch"/> finds (then cached).</summary>
    public Task<(IReadOnlyList<TechStackItem> Facts, SourceResult Result)> GetTechStackAsync(
        string domain, string source, Func<CancellationToken, Task<IReadOnlyList<TechStackItem>>> fetch, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<TechStackItem>>(
            domain,
            TechStackField,
            p => p.TechStack,
            fetch,
            (p, items, now) => p.RecordTechStack(items, new SourceResult("ok", source, now), now),
            (p, error, now) => p.RecordTechStack([], new SourceResult("failed", source, now, error), now),
            _ => source,
            cancellationToken);

    private async Task<(T Facts, SourceResult Result)> GetAsync<T>(
        string domain,
        string field,
        Func<CompanyProfile, T> read,
        Func<CancellationToken, Task<T>> fetch,
        Action<CompanyProfile, T, DateTimeOffset> record,
        Action<CompanyProfile, string, DateTimeOffset> recordFailure,
        Func<T, string> sourceOf,
        CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromDays(options.CurrentValue.CompanyCacheDays);
        if (ttl == TimeSpan.Zero)
        {
            var fresh = await fetch(cancellationToken);
            return (fresh, new SourceResult("ok", sourceOf(fresh), clock.GetUtcNow()));
        }

        domain = CompanyProfile.NormalizeDomain(domain);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A fresh entry is read without the lock (one statement, the usual case for every prospect of a company but the
        // first); only a miss takes the lock and reads again, since another worker may have fetched it meanwhile.
        if (Fresh(await db.CompanyProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.Domain == domain, cancellationToken), field, ttl, domain, read) is { } hit)
        {
            return hit;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"company:" + domain}, 0))", cancellationToken);
        var profile = await db.CompanyProfiles.SingleOrDefaultAsync(p => p.Domain == domain, cancellationToken);
        if (Fresh(profile, field, ttl, domain, read) is { } fetched)
        {
            return fetched;
        }

        var now = clock.GetUtcNow();

        if (profile is null)
        {
            profile = new CompanyProfile(domain, now);
            db.CompanyProfiles.Add(profile);
        }

        T facts;
        try
        {
            facts = await fetch(cancellationToken);
        }
        catch (PermanentProspectException ex) when (ex is not BudgetExceededException)
        {
            recordFailure(profile, ex.Message, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            throw;
        }

        record(profile, facts, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (facts, new SourceResult("ok", sourceOf(facts), clock.GetUtcNow()));
    }

    /// <summary>
    /// What a cached entry answers: its facts while an "ok" is younger than <paramref name="ttl"/>, the cached failure
    /// (thrown) while a "failed" is younger than a day; null when the source must be asked.
    /// </summary>
    private (T Facts, SourceResult Result)? Fresh<T>(CompanyProfile? profile, string field, TimeSpan ttl, string domain, Func<CompanyProfile, T> read)
    {
        if (profile is null || !profile.Sources.TryGetValue(field, out var cached) || cached.FetchedAt is not { } at)
        {
            return null;
        }

        var age = clock.GetUtcNow() - at;
        if (cached.Status == "ok" && age < ttl)
        {
            return (read(profile), cached with { Status = "cached" });
        }

        if (cached.Status == "failed" && age < TimeSpan.FromDays(Math.Min(1, ttl.TotalDays)))
        {
            throw new PermanentProspectException(cached.Error ?? $"{field} failed for {domain}");
        }

        return null;
    }
}
