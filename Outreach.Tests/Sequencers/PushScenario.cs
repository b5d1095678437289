using Microsoft.Extensions.DependencyInjection;
using Outreach.Domain.Entities;
using Outreach.Functions.Application;
using Outreach.Functions.Application.Pushes;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Sequencers;

/// <summary>
/// A batch run through the real pipeline with a lawful campaign (footer and opt-out), its emails approved, and the
/// app's sequencer settings pointed at a fake: what every push test starts from.
/// </summary>
internal static class PushScenario
{
    public const string Footer = "Northwind Advisory, 1 Main Street, Springfield. Not interested? Reply STOP.";
    public const string OptOut = "mailto:optout@northwind.example";

    /// <summary>Settings for <paramref name="name"/> (Instantly, Smartlead, Lemlist) at <paramref name="fake"/>.</summary>
    public static Dictionary<string, string?> Settings(string name, FakeSequencer fake, int? batchSize = null, string? key = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sequencers:AllowPrivateAddresses"] = "true",
            [$"Sequencers:{name}:ApiKey"] = key ?? fake.Key,
            [$"Sequencers:{name}:BaseUrl"] = fake.BaseUrl,
            [$"Sequencers:{name}:RequestsPerSecond"] = "200",
            [$"Sequencers:{name}:MaxRetries"] = "2",
            [$"Sequencers:{name}:MaxRetryAfterSeconds"] = "2",
            [$"Sequencers:{name}:TimeoutSeconds"] = "20",
        };
        if (batchSize is { } size)
        {
            settings[$"Sequencers:{name}:BatchSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary><paramref name="count"/> prospects <c>p{i}@example.com</c> through the pipeline, every email approved.</summary>
    public static async Task<Guid> ApprovedBatchAsync(PipelineFixture f, int count, bool lawful = true)
    {
        if (lawful)
        {
            await f.Database.ExecuteAsync("UPDATE campaigns SET footer = $1, unsubscribe = $2", Footer, OptOut);
        }

        var batchId = await f.StartBatchAsync([.. Enumerable.Range(0, count).Select(Address)]);
        await f.WaitAsync(Batch.InstanceIdFor(batchId));
        Assert.Equal(count, await f.Database.ExecuteAsync("UPDATE generated_emails SET review_status = 'APPROVED' WHERE generation_status = 'COMPLETED'"));
        return batchId;
    }

    public static string Address(int i) => $"p{i}@example.com";

    /// <summary>Starts a push like the API does; asserts it was accepted and returns its instance.</summary>
    public static async Task<ControlResult> StartAsync(PipelineFixture f, Guid batchId, string target, string campaign)
    {
        var result = await f.Engine.Services.GetRequiredService<SequencerPush>().StartAsync(batchId, new PushRequest(target, campaign), f.Client, TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == ControlOutcome.Accepted, result.Reason);
        return result;
    }

    /// <summary>The push's rows: status → count.</summary>
    public static async Task<Dictionary<string, long>> StatusesAsync(TestDatabase database) =>
        (await database.RowsAsync("SELECT status::text, count(*) FROM email_pushes GROUP BY status"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
}
