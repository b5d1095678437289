using Outreach.Cli;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// <c>outreach pause</c> from a second terminal stops the <c>outreach run</c> of the first without taking its work;
/// <c>outreach resume</c> then runs the batch to its end with exact counters.
/// </summary>
public sealed class PauseResumeTests(PostgresServer server)
{
    private const int Prospects = 120;

    [Fact]
    public async Task PauseThenResume_WhileAnotherProcessRunsTheBatch_PausesItAndResumeFinishesIt()
    {
        await using var database = await server.CreateDatabaseAsync();
        // Small chunks one at a time: a pause stops the batch between chunks (work already handed out finishes).
        using var cli = new CliHarness(database.ConnectionString).With("Pipeline:ChunkSize", "10").With("Pipeline:MaxChunksInFlight", "1");
        var csv = CsvFileBuilder.WithHeader("Email", "Full Name", "Company", "Title");
        for (var i = 0; i < Prospects; i++)
        {
            csv.Row($"r{i}@pause.example", $"Person {i}", $"Company {i % 7}", "CTO");
        }

        using var run = CliProcess.Start(["run", cli.Csv("pause.csv", csv), "--campaign", cli.QuietCampaign("Pause Test")], cli.Environment, cli.Directory.FullName);
        var imported = await run.WaitForErrorLineAsync("the batch to be imported", l => l.StartsWith("Imported batch", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
        var batchId = imported.Split(' ')[2].TrimEnd(':');
        await Pipeline.PipelineFixture.WaitUntilAsync("a first email", async () => await database.ScalarAsync<int>("SELECT generated_emails FROM batches") > 0);

        var pause = await cli.RunAsync("pause", batchId);
        var runExit = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var whenPaused = await database.ScalarAsync<int>("SELECT generated_emails FROM batches");
        var resume = await cli.RunAsync("resume", batchId[..13]);

        Assert.True(pause.ExitCode == ExitCodes.Ok, pause.ToString());
        Assert.Contains($"Batch {batchId} is pausing", pause.Output, StringComparison.Ordinal);
        Assert.True(runExit == ExitCodes.Ok, $"exit {runExit}\n{run.Error}");
        Assert.Contains($"Batch {batchId} is paused; `outreach resume {batchId}` continues it.", run.Error, StringComparison.Ordinal);
        Assert.True(whenPaused < Prospects, "The batch finished before it was paused.");
        Assert.True(resume.ExitCode == ExitCodes.Ok, resume.ToString());
        Assert.Contains("COMPLETED", resume.Output, StringComparison.Ordinal);
        var counters = Assert.Single(await database.RowsAsync("SELECT status::text, generated_emails, failed_prospects FROM batches"));
        Assert.Equal(("COMPLETED", Prospects, 0), ((string)counters[0]!, (int)counters[1]!, (int)counters[2]!));
        Assert.Equal((long)Prospects, await database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
    }
}
