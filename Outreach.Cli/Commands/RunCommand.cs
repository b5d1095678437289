using System.CommandLine;
using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Data.Ingestion;
using Outreach.Data.Reads;
using Outreach.Domain.Entities;
using Outreach.Domain.Enums;
using Outreach.Domain.Import;
using Outreach.Domain.StatusRules;
using Outreach.Functions.Application;
using Outreach.Functions.Ingestion;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Providers.Llm;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach run &lt;file.csv&gt; --campaign &lt;id | name | campaign.json&gt; [--json]</c>: checks the services, the
/// campaign and the file first (in a second or two, before any engine starts), then uploads the file to
/// <c>prospect-uploads</c> like a user would, runs the blob trigger's code and the orchestration on the local Durable
/// engine, shows progress and prints the batch. A campaign JSON file is applied first (created, or its changes
/// saved and shown). Running it again on the same file attaches to the batch that file already made (and finishes
/// it if a previous run was stopped). Ctrl-C or SIGTERM stops it within 15 s with exit code 130, saying how to resume.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV of prospects." };
        var campaign = new Option<string>("--campaign") { Description = "A campaign id or name (any case), or a campaign JSON file (applied: created, or updated with its changes).", Required = true };
        var json = CliOptions.Json();
        return new Command("run", "Import a CSV and run the pipeline locally, without the Functions host.") { file, campaign, json }
            .Does(cli => RunAsync(cli, cli.Parse.GetValue(file)!, cli.Parse.GetValue(campaign)!, cli.Parse.GetValue(json)));
    }

    private static async Task<int> RunAsync(CliContext cli, FileInfo file, string campaignArgument, bool json)
    {
        await CheckFileAsync(cli, file);
        var services = await cli.ServicesAsync(storage: true);
        var campaign = await CampaignCommand.ResolveAsync(cli, services, campaignArgument);
        var model = await services.GetRequiredService<LlmSelector>().ChooseAsync(cli.Cancellation);
        await cli.Error.WriteLineAsync($"Language model: {model.Describe()}");
        if (cli.Logs.File is { } log)
        {
            await cli.Error.WriteLineAsync($"Logs: {log}");
        }

        Guid? batchId = null;
        try
        {
            var engine = await cli.EngineAsync(processWork: true);
            await using var stopping = cli.Cancellation.Register(() => cli.Error.WriteLine(
                $"{Environment.NewLine}Stopping: taking no new work and stopping the local engine (at most {LocalDurableEngine.ShutdownBudget.TotalSeconds:F0} s)…"));
            var result = await ImportAsync(cli, engine, campaign, file);
            batchId = result.BatchId!.Value;
            var watch = Stopwatch.StartNew();
            var outcome = await ProgressScreen.FollowAsync(cli, engine, batchId.Value);
            return await FinishAsync(cli, engine, batchId.Value, outcome, json, watch.Elapsed);
        }
        catch (Exception) when (cli.Cancellation.IsCancellationRequested)
        {
            // Whatever was in flight when the stop came fails in its own way — an OperationCanceledException, or the
            // Durable gRPC client's RpcException(Cancelled) — and all of them mean the same: stopped on request.
            // Everything done so far is in the database and the task hub; the engine stops as the context is disposed.
            var again = $"`outreach run {file.Name} --campaign {Quoted(campaignArgument)}`";
            await cli.Error.WriteLineAsync(batchId is { } id
                ? $"Stopped. Batch {id} keeps its progress: run {again} again to resume it, or `outreach status {id}` to see it."
                : $"Stopped before the file was imported; run {again} again.");
            return ExitCodes.Stopped;
        }
    }

    /// <summary>What a run or a follow ends with: the batch's report, and an exit code from its status.</summary>
    internal static async Task<int> FinishAsync(CliContext cli, LocalDurableEngine engine, Guid batchId, FollowOutcome outcome, bool json, TimeSpan? elapsed)
    {
        var view = await OutageWait.ReadAsync(
            () => engine.Services.GetRequiredService<BatchQueries>().GetAsync(batchId, BatchQueries.RuntimeStatusOf(engine.Client), cli.Cancellation), cli.Error, cli.Cancellation)
            ?? throw new CliException(ExitCodes.Failed, $"Batch {batchId} disappeared.");
        if (outcome == FollowOutcome.Paused)
        {
            await cli.Error.WriteLineAsync($"Batch {batchId} is paused; `outreach resume {batchId}` continues it.");
        }

        var local = view.Results is null ? null : await DownloadResultsAsync(engine.Services.GetRequiredService<BlobServiceClient>(), view, CliPaths.Results(cli.Configuration["Cli:ResultsDirectory"], view.Id), cli.Cancellation);
        await BatchReport.PrintAsync(cli, engine.Services, view, json, elapsed, local);
        return view.Status == StatusLabel.Of(BatchStatus.Failed) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    // The file's encoding, separator and header are read now, so a file no upload could take fails before the engine starts.
    private static async Task CheckFileAsync(CliContext cli, FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.BadInput, $"No such file: {file.FullName}");
        }

        try
        {
            await using var stream = file.OpenRead();
            await using var reader = await CsvProspectReader.OpenAsync(stream, ImportSettings(cli), cli.Cancellation);
        }
        catch (CsvFileRejectedException ex)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name} cannot be imported: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"Cannot read {file.FullName}: {ex.Message}");
        }
    }

    private static ImportOptions ImportSettings(CliContext cli)
    {
        var options = new ImportOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(cli.Configuration.GetSection(ImportOptions.SectionName), options);
        return options;
    }

    private static async Task<IngestionResult> ImportAsync(CliContext cli, LocalDurableEngine engine, Campaign campaign, FileInfo file)
    {
        var blobs = engine.Services.GetRequiredService<BlobServiceClient>();
        var container = blobs.GetBlobContainerClient(BlobUploadProcessor.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cli.Cancellation);
        var blob = container.GetBlobClient($"{campaign.Name}/{file.Name}");
        await using (var stream = file.OpenRead())
        {
            await blob.UploadAsync(stream, overwrite: true, cli.Cancellation);
        }

        await cli.Error.WriteLineAsync($"Uploaded {file.Name} to {container.Name}/{blob.Name}");
        var result = await engine.Services.GetRequiredService<BlobUploadProcessor>().ProcessAsync(blob, campaign.Name, engine.Client, cli.Cancellation);
        if (result.Status == UploadStatus.Failed)
        {
            throw new CliException(ExitCodes.BadInput, $"The upload was rejected: {result.ErrorMessage}");
        }

        await cli.Error.WriteLineAsync(result.AlreadyIngested
            ? $"This file was imported before, as batch {result.BatchId} ({StatusLabel.Of(result.BatchStatus!.Value)}); attaching to it."
            : $"Imported batch {result.BatchId}: {result.RowsAccepted} prospects, {result.RowsRejected} rows rejected.");
        foreach (var note in result.Notes ?? [])
        {
            await cli.Error.WriteLineAsync($"  note: {note}");
        }

        if (!result.AlreadyIngested && result.RowsAccepted == 0)
        {
            await ExplainDuplicatesAsync(cli, engine, campaign, result);
        }

        return result;
    }

    // An upload of people the campaign already has makes an empty batch; say why, and what to do instead.
    private static async Task ExplainDuplicatesAsync(CliContext cli, LocalDurableEngine engine, Campaign campaign, IngestionResult result)
    {
        var rejected = await engine.Services.GetRequiredService<BatchReads>().RejectedRowsAsync(result.BatchId!.Value, cli.Cancellation);
        var duplicates = rejected.Count(r => r.Reason.StartsWith("already a prospect", StringComparison.Ordinal));
        if (duplicates == 0)
        {
            return;
        }

        var scope = campaign.DedupeScope == DedupeScope.Global ? "any campaign (dedupeScope GLOBAL)" : $"campaign '{campaign.Name}' (dedupeScope CAMPAIGN)";
        await cli.Error.WriteLineAsync(
            $"  {duplicates} of {rejected.Count} rows are people already in {scope}: each person is written to once per campaign, so this batch has no one new. " +
            $"To write to them again with the campaign's current settings, regenerate the batch that has them: `outreach batches --campaign {Quoted(campaign.Name)}`, " +
            "then `outreach retry <batch> --type generation --all`. To contact them as part of another effort, apply the campaign under a new name.");
    }

    private static async Task<string> DownloadResultsAsync(BlobServiceClient blobs, BatchView view, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var container = blobs.GetBlobContainerClient(ResultsWriter.ResultsContainer);
        foreach (var name in new[] { "emails.csv", "rejected.csv" })
        {
            await container.GetBlobClient($"{view.Id:D}/{name}").DownloadToAsync(Path.Combine(directory, name), cancellationToken);
        }

        return Path.Combine(directory, "emails.csv");
    }

    private static string Quoted(string text) => text.Contains(' ', StringComparison.Ordinal) ? $"\"{text}\"" : text;
}
