using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Contracts;
using Outreach.Functions.Pipeline;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Quality;

/// <summary>The quality gate's batch-wide check: no two emails of a batch with the same body.</summary>
public sealed class DuplicateBodyTests(PostgresServer server)
{
    [Fact]
    public async Task FindSameBody_WhenAnotherProspectOfTheBatchHasThatBody_NamesItAndNothingElse()
    {
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database);
        var scenario = await Scenario.CreateAsync(database, prospects: 2);

        var store = services.GetRequiredService<ProspectStore>();
        var (first, second) = (scenario.Prospects[0].Id, scenario.Prospects[1].Id);
        await store.SaveEmailAsync(first, new EmailDraft("Hello", "Hi,\n\nThe same words for everyone.", "template"), [], [], stored: null, Ct);

        Assert.Equal(first, await store.FindSameBodyAsync(scenario.Batch.Id, second, "Hi,\n\nThe same words for everyone.", Ct));
        Assert.Null(await store.FindSameBodyAsync(scenario.Batch.Id, second, "Hi,\n\nWords for you alone.", Ct));
        Assert.Null(await store.FindSameBodyAsync(scenario.Batch.Id, first, "Hi,\n\nThe same words for everyone.", Ct));
        Assert.Null(await store.FindSameBodyAsync(Guid.NewGuid(), second, "Hi,\n\nThe same words for everyone.", Ct));

        // The migration backfills older emails with PostgreSQL's own SHA-256: it must agree with the app's.
        Assert.True(await database.ScalarAsync<bool>(
            "SELECT body_hash = encode(sha256(convert_to(body, 'UTF8')), 'hex') FROM generated_emails WHERE prospect_id = $1", first));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
