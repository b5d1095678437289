using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Application.Pushes;

namespace Outreach.Cli.Commands;

/// <summary>
/// <c>outreach push &lt;batch&gt; --to instantly|smartlead|lemlist --campaign &lt;id&gt;</c>: the batch's approved emails to a
/// sequencer as leads, through <see cref="SequencerPush"/> like <c>POST /api/batches/{id}/push</c>, on the local engine,
/// followed to its end. Pushing again sends only what has not landed.
/// </summary>
internal static class PushCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var batch = BatchCommands.BatchArgument();
        var to = new Option<string>("--to") { Description = "The sequencer: instantly, smartlead or lemlist.", Required = true };
        to.AcceptOnlyFromAmong("instantly", "smartlead", "lemlist");
        var campaign = new Option<string>("--campaign") { Description = "The sequencer's campaign id the leads go to.", Required = true };
        var json = CliOptions.Json();
        return new Command("push", "Push a batch's approved emails to a sequencer's campaign as leads (subject and body as custom variables).") { batch, to, campaign, json }.Does(async cli =>
        {
            var services = await cli.ServicesAsync(storage: true);
            var batchId = await References.BatchAsync(services, cli.Parse.GetValue(batch)!, cli.Cancellation);
            var engine = await cli.EngineAsync(processWork: true);
            var pushes = engine.Services.GetRequiredService<SequencerPush>();
            var result = await pushes.StartAsync(batchId, new PushRequest(cli.Parse.GetValue(to), cli.Parse.GetValue(campaign)), engine.Client, cli.Cancellation);
            ControlCommands.Accepted(result);
            await cli.Error.WriteLineAsync($"Batch {batchId}: pushing to {cli.Parse.GetValue(to)} as job {result.JobId}.");

            // The orchestration's completion is the event to wait on; the job row then holds the outcome.
            await engine.Client.WaitForInstanceCompletionAsync(result.InstanceId!, getInputsAndOutputs: false, cli.Cancellation);
            var view = (await pushes.GetAsync(batchId, cli.Cancellation))!;
            var job = view.Jobs.First(j => j.JobId == result.JobId);
            if (cli.Parse.GetValue(json))
            {
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(view, CliJson.Options));
            }
            else
            {
                foreach (var target in view.Targets)
                {
                    await cli.Output.WriteLineAsync($"{target.Target}: {target.Pushed} pushed, {target.Skipped} skipped, {target.Failed} failed.");
                }

                foreach (var email in view.NotPushed.Take(10))
                {
                    await cli.Output.WriteLineAsync($"  {email.Status} {email.EmailId}: {email.Error}");
                }
            }

            if (job.Status != "COMPLETED")
            {
                await cli.Error.WriteLineAsync($"Push job {job.JobId} {job.Status}: {job.Error}");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
    }
}
