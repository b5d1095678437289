using Microsoft.EntityFrameworkCore;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>The plain-SQL reads of the suppression list against what EF wrote: every column, the search, the order and the pages.</summary>
public sealed class SuppressionReadsTests(PostgresServer server) : DatabaseTest(server)
{
    private SuppressionReads Reads => new(Database.ReadDataSource);

    [Fact]
    public async Task GetAsync_WhenTheSuppressionWasRevised_ReadsEveryColumnEfWrote()
    {
        var suppression = new Suppression("Zoë@Example.com", SuppressionReason.Manual, "cli", "asked by phone", TestClock.At(0));
        suppression.Revise(SuppressionReason.Unsubscribed, "api", note: null, TestClock.At(5));
        await using (var db = Database.CreateContext())
        {
            db.Add(suppression);
            await db.SaveChangesAsync(Ct);
        }

        var row = await Reads.GetAsync(suppression.Id, Ct);

        await using var check = Database.CreateContext();
        var s = await check.Suppressions.AsNoTracking().SingleAsync(x => x.Id == suppression.Id, Ct);
        Assert.Equal(new SuppressionRow(s.Id, s.Value, s.Reason, s.Source, s.Note, s.CreatedAt, s.UpdatedAt), row);
        Assert.Equal((SuppressionReason.Unsubscribed, "api", (string?)null), (row!.Reason, row.Source, row.Note));
        Assert.Null(await Reads.GetAsync(Guid.CreateVersion7(), Ct));
    }

    [Fact]
    public async Task ListAsync_WhenSearchedAndPaged_ListsTheMatchesNewestFirstWithTheirTotal()
    {
        await using (var db = Database.CreateContext())
        {
            db.AddRange(
                new Suppression("ana@acme.example", SuppressionReason.Bounced, null, null, TestClock.At(1)),
                new Suppression("@acme.example", SuppressionReason.Customer, null, null, TestClock.At(3)),
                new Suppression("bo@other.example", SuppressionReason.Manual, null, null, TestClock.At(2)),
                new Suppression("50%_off@deals.example", SuppressionReason.Competitor, null, null, TestClock.At(4)));
            await db.SaveChangesAsync(Ct);
        }

        var (all, total) = await Reads.ListAsync(term: null, skip: 0, take: 10, Ct);
        var (acme, acmeTotal) = await Reads.ListAsync("acme", skip: 0, take: 10, Ct);
        var (page, pageTotal) = await Reads.ListAsync("acme", skip: 1, take: 1, Ct);
        var (literal, _) = await Reads.ListAsync("%_", skip: 0, take: 10, Ct);

        Assert.Equal(4L, total);
        Assert.Equal(["50%_off@deals.example", "@acme.example", "bo@other.example", "ana@acme.example"], all.Select(s => s.Value));
        Assert.Equal(2L, acmeTotal);
        Assert.Equal(["@acme.example", "ana@acme.example"], acme.Select(s => s.Value));
        Assert.Equal((2L, "ana@acme.example"), (pageTotal, Assert.Single(page).Value));
        Assert.Equal("50%_off@deals.example", Assert.Single(literal).Value);
    }
}
