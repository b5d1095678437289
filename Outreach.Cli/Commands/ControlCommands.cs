using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Domain.Enums;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>retry</c>, <c>pause</c>, <c>resume</c> and <c>cancel</c> through <see cref="BatchControl"/>, as the API does them.
/// <c>retry</c> and <c>resume</c> start the local engine and follow the batch to its end, because locally nothing else
/// runs the work; <c>pause</c> and <c>cancel</c> only need a client, so they never take work from an <c>outreach run</c>
/// that is processing the batch in another terminal.
/// </summary>
internal static class ControlCommands
{
    /// <summary><c>outreach retry &lt;batch&gt; [--type full|enrichment|generation] [--all] [--json]</c>.</summary>
    public static Command Retry()
    {
        var batch = BatchCommands.BatchArgument();
        var type = new Option<string>("--type") { Description = "What to run again: full (default), enrichment, or generation (from the kept enrichment).", DefaultValueFactory = _ => "full" };
        type.AcceptOnlyFromAmong("full", "enrichment", "generation");
        var all = new Option<bool>("--all") { Description = "With --type generation: write every email of the batch again with the campaign's current settings, not only the failed ones (approved emails stay)." };
        var json = CliOptions.Json();
        return new Command("retry", "Run a batch's failed prospects again (or, with --all, write its emails again) on the local engine.") { batch, type, all, json }.Does(async cli =>
        {
            var jobType = cli.Parse.GetValue(type) switch
            {
                "enrichment" => JobType.Enrichment,
                "generation" => JobType.Generation,
                _ => JobType.FullPipeline,
            };
            var regenerate = cli.Parse.GetValue(all);
            if (regenerate && jobType != JobType.Generation)
            {
                throw new CliException(ExitCodes.BadInput, "--all writes emails again: use it with --type generation.");
            }

            var services = await cli.ServicesAsync(storage: true);
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var engine = await cli.EngineAsync(processWork: true);
            var control = engine.Services.GetRequiredService<BatchControl>();
            var result = regenerate
                ? await control.RegenerateAsync(batchId, engine.Client, cli.Cancellation)
                : await control.RetryAsync(batchId, jobType, engine.Client, cli.Cancellation);
            Accepted(result);
            await cli.Error.WriteLineAsync($"Batch {batchId}: {(regenerate ? "writing its emails again" : "retrying")} as job {result.JobId}.");
            var outcome = await ProgressScreen.FollowAsync(cli, engine, batchId);
            return await RunCommand.FinishAsync(cli, engine, batchId, outcome, cli.Parse.GetValue(json), elapsed: null);
        });
    }

    /// <summary><c>outreach regenerate &lt;email&gt; [--json]</c>: writes one email again and follows its batch to the end.</summary>
    public static Command Regenerate()
    {
        var email = new Argument<string>("email") { Description = "The email's id or a unique prefix of it (not approved; its batch has ended)." };
        var json = CliOptions.Json();
        return new Command("regenerate", "Write one email again from its prospect's kept enrichment, with the campaign's current settings.") { email, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync(storage: true);
            var emailId = await References.EmailAsync(services, cli.Parse.GetValue(email)!, cli.Cancellation);
            var engine = await cli.EngineAsync(processWork: true);
            var result = await engine.Services.GetRequiredService<BatchControl>().RegenerateEmailAsync(emailId, engine.Client, cli.Cancellation);
            Accepted(result);

            // The job of one knows its batch: that is what to follow.
            var batchId = (await services.GetRequiredService<JobQueries>().GetAsync(result.JobId!.Value, cli.Cancellation))!.BatchId;
            await cli.Error.WriteLineAsync($"Writing email {emailId} again (batch {batchId}).");
            var outcome = await ProgressScreen.FollowAsync(cli, engine, batchId);
            return await RunCommand.FinishAsync(cli, engine, batchId, outcome, cli.Parse.GetValue(json), elapsed: null);
        });
    }

    /// <summary><c>outreach pause &lt;batch&gt;</c>.</summary>
    public static Command Pause() => Change(
        "pause",
        "Pause a running batch (it keeps its progress; `outreach resume` continues it).",
        (control, id, engine, ct) => control.PauseAsync(id, engine.Client, ct),
        id => $"Batch {id} is pausing: the work in flight finishes, nothing new starts. `outreach resume {id}` continues it.");

    /// <summary><c>outreach cancel &lt;batch&gt;</c>.</summary>
    public static Command Cancel() => Change(
        "cancel",
        "Cancel a batch for good: no new work, it ends with what finished, and its results are written.",
        (control, id, engine, ct) => control.CancelAsync(id, engine.Client, ct),
        id => $"Batch {id} is cancelled; its results hold what finished (`outreach status {id}`).");

    /// <summary><c>outreach resume &lt;batch&gt; [--json]</c>.</summary>
    public static Command Resume()
    {
        var batch = BatchCommands.BatchArgument();
        var json = CliOptions.Json();
        return new Command("resume", "Resume a paused batch and run it to its end on the local engine.") { batch, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync(storage: true);
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var engine = await cli.EngineAsync(processWork: true);
            Accepted(await engine.Services.GetRequiredService<BatchControl>().ResumeAsync(batchId, engine.Client, cli.Cancellation));
            await cli.Error.WriteLineAsync($"Batch {batchId} resumed.");
            var outcome = await ProgressScreen.FollowAsync(cli, engine, batchId, resumed: true);
            return await RunCommand.FinishAsync(cli, engine, batchId, outcome, cli.Parse.GetValue(json), elapsed: null);
        });
    }

    private static Command Change(
        string name, string description, Func<BatchControl, Guid, LocalDurableEngine, CancellationToken, Task<ControlResult>> change, Func<Guid, string> done)
    {
        var batch = BatchCommands.BatchArgument();
        return new Command(name, description) { batch }.Does(async cli =>
        {
            var services = await cli.ServicesAsync(storage: true);
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var engine = await cli.EngineAsync(processWork: false);
            Accepted(await change(engine.Services.GetRequiredService<BatchControl>(), batchId, engine, cli.Cancellation));
            await cli.Output.WriteLineAsync(done(batchId));
            return ExitCodes.Ok;
        });
    }

    // The API answers 404 and 409 with the reason; the command line says the same and exits 2 or 4.
    internal static void Accepted(ControlResult result)
    {
        switch (result.Outcome)
        {
            case ControlOutcome.NotFound:
                throw new CliException(ExitCodes.BadInput, result.Reason ?? "No such batch.");
            case ControlOutcome.Conflict:
                throw new CliException(ExitCodes.Conflict, result.Reason ?? "The batch's state does not allow that.");
        }
    }
}
