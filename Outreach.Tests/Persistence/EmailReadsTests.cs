using Microsoft.EntityFrameworkCore;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Persistence;

/// <summary>The plain-SQL reads of generated emails against what EF wrote: every column of the view, the batch's list and its filters.</summary>
public sealed class EmailReadsTests(PostgresServer server) : DatabaseTest(server)
{
    private EmailReads Reads => new(Database.ReadDataSource);

    [Fact]
    public async Task GetAsync_WhenTheEmailWasGeneratedEditedAndReviewed_ReadsEveryColumnEfWrote()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 1);
        var prospect = scenario.Prospects[0];
        EmailFact[] facts = [new("f1", "website", "Zoë runs \"=SUM(A1)\" on Postgres"), new("f2", "linkedin", "VP Engineering")];
        var email = new GeneratedEmail(prospect.Id, TestClock.At(0));
        email.StartGenerating(TestClock.At(1));
        email.Complete("Subject one", "Body one", "gpt-test", TestClock.At(2), new EmailAssessment(["too long"], facts, 120, 80));
        email.Edit("Subject two", "Body two", new EmailAssessment(["placeholder left: {{x}}"], facts[..1], null, null), TestClock.At(3));
        email.Review(ReviewStatus.Rejected, TestClock.At(4), "tone is off");
        await using (var db = Database.CreateContext())
        {
            db.Add(email);
            await db.SaveChangesAsync(Ct);
        }

        await SetVerificationAsync(prospect.Id, EmailVerification.Risky);

        var row = await Reads.GetAsync(email.Id, Ct);

        await using var check = Database.CreateContext();
        var stored = await check.GeneratedEmails.AsNoTracking().SingleAsync(e => e.Id == email.Id, Ct);
        Assert.NotNull(row);
        Assert.Equal((stored.Id, prospect.Id, prospect.Name, prospect.Email, prospect.Company), (row.Id, row.ProspectId, row.Name, row.Email, row.Company));
        Assert.Equal((stored.Subject, stored.Body, stored.OriginalSubject, stored.OriginalBody), (row.Subject, row.Body, row.OriginalSubject, row.OriginalBody));
        Assert.Equal((stored.GenerationStatus, ReviewStatus.Rejected, stored.Model, stored.ReviewNote), (row.GenerationStatus, row.ReviewStatus, row.Model, row.ReviewNote));
        Assert.Equal((stored.GeneratedAt, stored.ReviewedAt, stored.EditedAt), (row.GeneratedAt, row.ReviewedAt, row.EditedAt));
        Assert.Equal((stored.PromptTokens, stored.CompletionTokens), (row.PromptTokens, row.CompletionTokens));
        Assert.Equal(stored.QualityFlags, row.QualityFlags);
        Assert.Equal(stored.FactsUsed, row.FactsUsed);
        Assert.Equal(EmailVerification.Risky, row.EmailVerification);
        var ofProspect = await Reads.OfProspectAsync(prospect.Id, Ct);
        Assert.Equal((row.Id, row.Subject, row.ReviewStatus), (ofProspect?.Id, ofProspect?.Subject, ofProspect?.ReviewStatus));
        Assert.Null(await Reads.GetAsync(Guid.CreateVersion7(), Ct));
        Assert.Null(await Reads.OfProspectAsync(Guid.CreateVersion7(), Ct));
    }

    [Fact]
    public async Task ListAsync_WhenSomeEmailsAreNotGenerated_ListsTheGeneratedInFileOrderFilteredAndPaged()
    {
        var scenario = await Scenario.CreateAsync(Database, prospects: 5);
        var emails = new List<GeneratedEmail>();
        await using (var db = Database.CreateContext())
        {
            // Another batch of the campaign, whose email must not show in this batch's list.
            var otherBatch = new Batch(scenario.Campaign.Id, uploadId: null, "other.csv", 1, TestClock.T0);
            var otherProspect = new ProspectBuilder().Build(otherBatch, 0);
            db.AddRange(otherBatch, otherProspect);

            // Saved in reverse so the list's order comes from the prospects' ordinals, not from insertion.
            foreach (var prospect in scenario.Prospects.Reverse().Append(otherProspect))
            {
                var email = new GeneratedEmail(prospect.Id, TestClock.At(0));
                email.StartGenerating(TestClock.At(1));
                if (prospect.Ordinal == 2)
                {
                    email.Fail("model refused", TestClock.At(2));
                }
                else
                {
                    email.Complete($"Subject {prospect.Ordinal}", "Body", null, TestClock.At(2));
                }

                if (prospect.Ordinal == 3 && prospect.BatchId == scenario.Batch.Id)
                {
                    email.Review(ReviewStatus.Approved, TestClock.At(3));
                }

                emails.Add(email);
            }

            db.AddRange(emails);
            await db.SaveChangesAsync(Ct);
        }

        var (all, total) = await Reads.ListAsync(scenario.Batch.Id, review: null, skip: 0, take: 10, Ct);
        var (page, pagedTotal) = await Reads.ListAsync(scenario.Batch.Id, review: null, skip: 1, take: 2, Ct);
        var (approved, approvedTotal) = await Reads.ListAsync(scenario.Batch.Id, ReviewStatus.Approved, skip: 0, take: 10, Ct);

        Assert.Equal(4, total);
        Assert.Equal(["Subject 0", "Subject 1", "Subject 3", "Subject 4"], all.Select(e => e.Subject));
        Assert.All(all, e => Assert.Equal(GenerationStatus.Completed, e.GenerationStatus));
        Assert.Equal(4L, pagedTotal);
        Assert.Equal(["Subject 1", "Subject 3"], page.Select(e => e.Subject));
        Assert.Equal((1L, "Subject 3"), (approvedTotal, Assert.Single(approved).Subject));
    }

    private async Task SetVerificationAsync(Guid prospectId, EmailVerification verdict)
    {
        // The address check writes this column in bulk from its own store; the read only has to see it.
        await using var command = Database.DataSource.CreateCommand("UPDATE prospects SET email_verification = @verdict WHERE id = @id");
        command.Parameters.AddWithValue("verdict", verdict);
        command.Parameters.AddWithValue("id", prospectId);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
