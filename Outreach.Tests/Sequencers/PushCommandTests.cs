using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Cli;
using Outreach.Functions.Providers.Sequencers;
using Outreach.Tests.Cli;
using Outreach.Tests.Infrastructure;
using Outreach.Tests.Pipeline;

namespace Outreach.Tests.Sequencers;

/// <summary><c>outreach push</c> and <c>outreach export --format</c> on a batch the pipeline finished, and the sequencer settings' limits.</summary>
public sealed class PushCommandTests(PostgresServer server)
{
    [Fact]
    public async Task Push_FromTheCommandLine_PushesTheApprovedOnceAndSaysWhatLanded()
    {
        await using var smartlead = await FakeSmartlead.StartAsync();
        await using var f = await PipelineFixture.StartAsync(server);
        var batchId = await PushScenario.ApprovedBatchAsync(f, 3);
        using var cli = new CliHarness(f.Database.ConnectionString);
        foreach (var (key, value) in PushScenario.Settings("Smartlead", smartlead))
        {
            cli.With(key, value!);
        }

        var first = await cli.RunAsync("push", batchId.ToString()[..8], "--to", "smartlead", "--campaign", smartlead.Campaign);
        var second = await cli.RunAsync("push", batchId.ToString(), "--to", "smartlead", "--campaign", smartlead.Campaign);
        var unknown = await cli.RunAsync("push", batchId.ToString(), "--to", "mailchimp", "--campaign", "1");
        var export = cli.File("leads.csv", string.Empty);
        var exported = await cli.RunAsync("export", batchId.ToString(), "--approved", "--format", "smartlead", "--out", export);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
        Assert.Equal("SMARTLEAD: 3 pushed, 0 skipped, 0 failed.", first.Output.Trim());
        Assert.Equal(3, smartlead.Leads.Count);
        Assert.Equal(ExitCodes.Conflict, second.ExitCode);
        Assert.Contains("nothing left to push to SMARTLEAD", second.Error, StringComparison.Ordinal);
        Assert.Equal(3, smartlead.LeadsSent);
        Assert.NotEqual(ExitCodes.Ok, unknown.ExitCode);
        Assert.Contains("mailchimp", unknown.Error, StringComparison.Ordinal);
        Assert.True(exported.ExitCode == ExitCodes.Ok, exported.ToString());
        var header = (await File.ReadAllLinesAsync(export, TestContext.Current.CancellationToken))[0].TrimStart('\uFEFF');
        Assert.Equal("email,first_name,last_name,company_name,job_title,website,subject,body,footer,list_unsubscribe,external_id", header);
    }

    [Fact]
    public async Task Options_WhenABatchSizeIsOverTheSequencersLimit_FailSayingTheLimit()
    {
        await using var database = await server.CreateDatabaseAsync();
        await using var services = AppServices.Build(database, new Dictionary<string, string?> { ["Sequencers:Smartlead:BatchSize"] = "401" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmartleadOptions>>().Value);

        Assert.Contains("BatchSize 401 is over the sequencer's limit of 400 leads per call.", error.Message, StringComparison.Ordinal);
    }
}
