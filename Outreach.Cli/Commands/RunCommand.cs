using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Cli.Hosting;
using Outreach.Data.Persistence;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers.Llm;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach run &lt;file.csv&gt; --campaign &lt;name | campaign.json&gt; [--json]</c>: uploads the file to
/// <c>prospect-uploads</c> like a user would, runs the blob trigger's code and the orchestration on the local
/// Durable engine, shows progress, and prints the batch. Running it again on the same file attaches to the
/// batch that file already made (and finishes it if a previous run was stopped). Ctrl-C or SIGTERM stops it
/// within 15 s with exit code 130 (<see cref="ExitCodes.Stopped"/>), saying how to resume.
/// </summary>
internal static class RunCommand
{
    /// <summary>What a run had got to, for the message when it is stopped.</summary>
    private sealed class RunState
    {
        public Guid? BatchId { get; set; }
    }

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV of prospects." };
        var campaign = new Option<string>("--campaign") { Description = "A campaign name, or a campaign JSON file (created when no campaign has its name).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the batch as JSON (the shape of GET /api/batches/{id}) as the last thing on stdout." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the engine's and the app's logs." };
        var command = new Command("run", "Import a CSV and run the pipeline locally, without the Functions host.") { file, campaign, json, verbose };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(file)!, parse.GetValue(campaign)!, parse.GetValue(json), parse.GetValue(verbose), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string campaignArgument, bool json, bool verbose, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = CliSettings.Load();
        if (CliSettings.Missing(configuration, "ConnectionStrings:Outreach", "AzureWebJobsStorage") is { } missing)
        {
            await error.WriteLineAsync($"{missing} is not set. Start the local services with eng/start-services.sh and `source .local/services.env`.");
            return 2;
        }

        if (!file.Exists)
        {
            await error.WriteLineAsync($"No such file: {file.FullName}");
            return 2;
        }

        var run = new RunState();
        try
        {
            return await RunWithEngineAsync(configuration, file, campaignArgument, json, verbose, run, output, error, cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever was in flight when the stop came fails in its own way — an OperationCanceledException, or the
            // Durable gRPC client's RpcException(Cancelled) — and all of them mean the same: stopped on request.
            // The engine has stopped by now (bounded); everything done so far is in the database and the task hub.
            var campaign = campaignArgument.Contains(' ', StringComparison.Ordinal) ? $"\"{campaignArgument}\"" : campaignArgument;
            await error.WriteLineAsync(run.BatchId is { } id
                ? $"Stopped. Batch {id} keeps its progress: run `outreach run {file.Name} --campaign {campaign}` again to resume it, or `outreach status {id}` to see it."
                : $"Stopped before the file was imported; run `outreach run {file.Name} --campaign {campaign}` again.");
            return ExitCodes.Stopped;
        }
    }

    private static async Task<int> RunWithEngineAsync(
        IConfiguration configuration, FileInfo file, string campaignArgument, bool json, bool verbose, RunState run, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var logs = CliLogging.Create(verbose);
        await using var engine = await LocalDurableEngine.StartAsync(configuration, loggerFactory: logs, cancellationToken: cancellationToken);
        await using var stopping = cancellationToken.Register(() => error.WriteLine($"{Environment.NewLine}Stopping: taking no new work and stopping the local engine (at most {LocalDurableEngine.ShutdownBudget.TotalSeconds:F0} s)…"));
        var contexts = engine.Services.GetRequiredService<IDbContextFactory<OutreachDbContext>>();

        Campaign campaign;
        try
        {
            campaign = await ResolveCampaignAsync(engine.Services, campaignArgument, error, cancellationToken);
        }
        catch (Domain.StatusRules.DomainValidationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        var model = await OutageWait.ReadAsync(() => engine.Services.GetRequiredService<LlmSelector>().ChooseAsync(cancellationToken), error, cancellationToken);
        await error.WriteLineAsync($"Language model: {model.Describe()}");

        var blobs = engine.Services.GetRequiredService<BlobServiceClient>();
        var container = blobs.GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{campaign.Name}/{file.Name}");
        await using (var stream = file.OpenRead())
        {
            await blob.UploadAsync(stream, overwrite: true, cancellationToken);
        }

        await error.WriteLineAsync($"Uploaded {file.Name} to {container.Name}/{blob.Name}");
        var result = await engine.Services.GetRequiredService<BlobUploadProcessor>().ProcessAsync(blob, campaign.Name, engine.Client, cancellationToken);
        if (result.Status == UploadStatus.Failed)
        {
            await error.WriteLineAsync($"The upload was rejected: {result.ErrorMessage}");
            return 2;
        }

        var batchId = result.BatchId!.Value;
        run.BatchId = batchId;
        await error.WriteLineAsync(result.AlreadyIngested
            ? $"This file was imported before, as batch {batchId} ({result.BatchStatus?.ToString().ToUpperInvariant()}); attaching to it."
            : $"Imported batch {batchId}: {result.RowsAccepted} prospects, {result.RowsRejected} rows rejected.");
        foreach (var note in result.Notes ?? [])
        {
            await error.WriteLineAsync($"  note: {note}");
        }

        var queries = engine.Services.GetRequiredService<BatchQueries>();
        var watch = Stopwatch.StartNew();
        await WaitWithProgressAsync(engine.Client, queries, batchId, error, cancellationToken);
        var view = await OutageWait.ReadAsync(() => queries.GetAsync(batchId, BatchQueries.RuntimeStatusOf(engine.Client), cancellationToken), error, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {batchId} disappeared.");
        await OutageWait.ReadAsync(
            async () =>
            {
                await PrintAsync(view, contexts, blobs, json, watch.Elapsed, output, error, cancellationToken);
                return true;
            },
            error,
            cancellationToken);
        return view.Status == StatusLabel.Of(BatchStatus.Failed) ? 1 : 0;
    }

    private static async Task<Campaign> ResolveCampaignAsync(IServiceProvider services, string argument, TextWriter error, CancellationToken cancellationToken)
    {
        if (argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(argument))
        {
            var request = CampaignRequest.Parse(await File.ReadAllTextAsync(argument, cancellationToken));
            var (campaign, created) = await services.GetRequiredService<Catalog>().GetOrCreateCampaignAsync(request, cancellationToken);
            await error.WriteLineAsync(created ? $"Created campaign '{campaign.Name}' from {argument}." : $"Using campaign '{campaign.Name}'.");
            return campaign;
        }

        var contexts = services.GetRequiredService<IDbContextFactory<OutreachDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Name == argument, cancellationToken)
            ?? throw new Domain.StatusRules.DomainValidationException(
                $"No campaign named '{argument}'. Pass a campaign JSON file (like samples/campaign.json) to create one.");
    }

    private static async Task WaitWithProgressAsync(DurableTaskClient client, BatchQueries queries, Guid batchId, TextWriter error, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);
        var lastPrinted = -1;
        var lastLine = DateTime.UtcNow;
        while (true)
        {
            var view = await OutageWait.ReadAsync(() => queries.GetAsync(batchId, BatchQueries.RuntimeStatusOf(client), cancellationToken), error, cancellationToken);
            if (view is null)
            {
                return;
            }

            var done = view.GeneratedEmails + view.FailedProspects + view.SkippedProspects;
            var finished = view.Results is not null && view.RuntimeStatus is not ("Running" or "Pending");
            if (interactive)
            {
                await error.WriteAsync($"\r{Bar(view.PercentDone)} {done}/{view.TotalProspects}  {view.Status,-10} emails {view.GeneratedEmails}, failed {view.FailedProspects}{Skipped(view)}   ");
            }
            else if (done != lastPrinted && (finished || DateTime.UtcNow - lastLine > TimeSpan.FromSeconds(2)))
            {
                await error.WriteLineAsync($"{Bar(view.PercentDone)} {done}/{view.TotalProspects} {view.Status} (emails {view.GeneratedEmails}, failed {view.FailedProspects}{Skipped(view)})");
                (lastPrinted, lastLine) = (done, DateTime.UtcNow);
            }

            if (finished || view.RuntimeStatus is "Failed" or "Terminated")
            {
                if (interactive)
                {
                    await error.WriteLineAsync();
                }

                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(400), cancellationToken);
        }
    }

    private static string Bar(double percent)
    {
        var filled = (int)Math.Round(percent / 5);
        return $"[{new string('#', filled)}{new string('.', 20 - filled)}] {percent,5:F1}%";
    }

    internal static async Task PrintAsync(
        BatchView view, IDbContextFactory<OutreachDbContext> contexts, BlobServiceClient blobs, bool json, TimeSpan? elapsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? localResults = null;
        if (view.Results is not null)
        {
            localResults = await DownloadResultsAsync(blobs, view, cancellationToken);
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(view, CliJson.Options));
            return;
        }

        await output.WriteLineAsync($"Batch {view.Id}: {view.Status}" + (elapsed is { } e ? $" in {e.TotalSeconds:F1} s" : string.Empty));
        await output.WriteLineAsync($"  prospects {view.TotalProspects}, enriched {view.EnrichedProspects}, emails {view.GeneratedEmails}, failed {view.FailedProspects}{Skipped(view)} ({view.PercentDone:F1}% done)");
        if (view.Job is { } job)
        {
            await output.WriteLineAsync($"  job {job.Type} {job.Status} {job.ProgressCurrent}/{job.ProgressTotal}; workflow {view.Workflow?.Step} {view.Workflow?.Status}; orchestration {view.RuntimeStatus ?? "unknown"}");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failed = await db.Prospects.AsNoTracking().Where(p => p.BatchId == view.Id && p.Status == ProspectStatus.Failed)
            .OrderBy(p => p.Ordinal).Select(p => new { p.Ordinal, p.ErrorMessage }).Take(20).ToListAsync(cancellationToken);
        foreach (var f in failed)
        {
            await output.WriteLineAsync($"  failed prospect #{f.Ordinal}: {f.ErrorMessage}");
        }

        var rejected = await db.RejectedRowsOfAsync(view.Id, cancellationToken);
        if (rejected.Count > 0)
        {
            await output.WriteLineAsync($"  rejected rows ({rejected.Count}):");
            foreach (var row in rejected)
            {
                await output.WriteLineAsync($"    line {row.Line}: {row.Reason}");
            }
        }

        if (view.Results is { } results)
        {
            await output.WriteLineAsync($"  results: {results.EmailsCsv} and {results.RejectedCsv} (storage)");
            await output.WriteLineAsync($"  local copy: {localResults}");
        }
    }

    private static async Task<string> DownloadResultsAsync(BlobServiceClient blobs, BatchView view, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Directory.GetCurrentDirectory(), ".local", "results", view.Id.ToString("D"));
        Directory.CreateDirectory(directory);
        var container = blobs.GetBlobContainerClient(ResultsWriter.ResultsContainer);
        foreach (var name in new[] { "emails.csv", "rejected.csv" })
        {
            await container.GetBlobClient($"{view.Id:D}/{name}").DownloadToAsync(Path.Combine(directory, name), cancellationToken);
        }

        return Path.Combine(directory, "emails.csv");
    }

    // Shown only when the campaign's verification skipped someone, so the usual line stays short.
    private static string Skipped(BatchView view) => view.SkippedProspects > 0 ? $", skipped {view.SkippedProspects}" : string.Empty;
}

/// <summary>JSON as the HTTP API writes it: camelCase, indented for people.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>Console logging for the CLI: to stderr, warnings and errors unless --verbose.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder =>
    {
        builder.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        if (!verbose)
        {
            // The storage backend warns about lease and queue housekeeping that needs no action locally.
            builder.AddFilter("DurableTask", LogLevel.Error);
            builder.AddFilter("Microsoft.DurableTask", LogLevel.Error);
            builder.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);

            // Polly logs every handled attempt (a site that does not resolve, a 429 it waited out) at Warning or Error
            // with a stack trace; the outcome that matters reaches the prospect's error_message and the summary.
            builder.AddFilter("Polly", LogLevel.None);
            builder.AddFilter("System.Net.Http.HttpClient", LogLevel.Error);
        }
    });
}
