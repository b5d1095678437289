using System.Diagnostics;
using Outreach.Cli;
using Outreach.Cli.Hosting;
using Outreach.Tests.Builders;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Cli;

/// <summary>
/// <c>outreach run</c> stopped by SIGTERM mid-run: it stops taking work, stops the local engine within its budget,
/// says how to resume and exits 130; running it again resumes the same batch and finishes it with exact counters.
/// </summary>
public sealed class RunCommandStopTests(PostgresServer server)
{
    private const int Prospects = 120;

    [Fact]
    public async Task Run_WhenSigtermArrivesMidRun_ExitsPromptlyWith130AndARerunFinishesTheBatch()
    {
        await using var database = await server.CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("outreach-stop-");
        var csv = Path.Combine(directory.FullName, "stop-test.csv");
        var file = CsvFileBuilder.WithHeader("Email", "Full Name", "Company", "Title");
        for (var i = 0; i < Prospects; i++)
        {
            file.Row($"s{i}@example.com", $"Person {i}", $"Company {i % 7}", "CTO");
        }

        await File.WriteAllBytesAsync(csv, file.Build(), TestContext.Current.CancellationToken);
        // No enrichment: the run must not depend on the network, only on the engine.
        var campaign = Path.Combine(directory.FullName, "stop-campaign.json");
        await File.WriteAllTextAsync(
            campaign,
            """
            {"name":"Stop test","emailSubject":"An idea for {{company}}","prompt":"Offer a short call.","enrichmentFlags":[],
             "service":{"name":"Stop test service","description":"A review.","valueProposition":"Savings."}}
            """,
            TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Outreach"] = database.ConnectionString,
            ["AzureWebJobsStorage"] = TestEnvironment.StorageConnectionString,
            ["TaskHubName"] = $"stop{Guid.NewGuid():N}"[..16],

            // Work the stopped process had taken is invisible this long before the rerun may take it (default 120 s).
            ["LocalEngine__VisibilityTimeoutSeconds"] = "10",
        };

        try
        {
            int stoppedWith;
            TimeSpan stoppedIn;
            string firstError;
            using (var first = CliProcess.Start(["run", csv, "--campaign", campaign], environment, directory.FullName))
            {
                await first.WaitForErrorLineAsync("the batch to be imported", l => l.StartsWith("Imported batch", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
                await Pipeline.PipelineFixture.WaitUntilAsync("a first email", async () => await database.ScalarAsync<int>("SELECT coalesce(max(generated_emails), 0) FROM batches") > 0);

                var clock = Stopwatch.StartNew();
                first.Terminate();
                stoppedWith = await first.WaitForExitAsync(TimeSpan.FromMinutes(1));
                stoppedIn = clock.Elapsed;
                firstError = first.Error;
            }

            var midway = await database.ScalarAsync<int>("SELECT generated_emails FROM batches");
            using var second = CliProcess.Start(["run", csv, "--campaign", campaign], environment, directory.FullName);
            var finishedWith = await second.WaitForExitAsync(TimeSpan.FromMinutes(5));

            Assert.True(stoppedWith == ExitCodes.Stopped, $"Exit code {stoppedWith}, expected {ExitCodes.Stopped}.\n{firstError}");

            // The engine's budget plus the moment the command needs to print and the runtime to exit.
            Assert.True(stoppedIn < LocalDurableEngine.ShutdownBudget + TimeSpan.FromSeconds(8), $"Stopping took {stoppedIn.TotalSeconds:F1} s.\n{firstError}");
            Assert.Contains("Stopping: taking no new work", firstError, StringComparison.Ordinal);
            Assert.Matches(@"Stopped\. Batch [0-9a-f-]{36} keeps its progress: run `outreach run stop-test\.csv --campaign .*stop-campaign\.json` again to resume it", firstError);
            Assert.True(midway < Prospects, "The batch finished before it was stopped.");
            Assert.Equal(ExitCodes.Ok, finishedWith);
            Assert.Contains("attaching to it", second.Error, StringComparison.Ordinal);
            var counters = Assert.Single(await database.RowsAsync("SELECT status::text, generated_emails, failed_prospects FROM batches"));
            Assert.Equal(("COMPLETED", Prospects, 0), ((string)counters[0]!, (int)counters[1]!, (int)counters[2]!));
            Assert.Equal((long)Prospects, await database.ScalarAsync<long>("SELECT count(*) FROM generated_emails"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
