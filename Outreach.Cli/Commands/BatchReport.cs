using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Data.Reads;
using Outreach.Functions.Application;

namespace Outreach.Cli.Commands;

/// <summary>
/// A batch as <c>outreach status</c>, <c>run</c>, <c>retry</c> and <c>resume</c> end by showing it: its counters, its job
/// and workflow, why prospects failed (by reason, with counts), its rejected rows and its result files — as text, or
/// with <c>--json</c> as the shape of <c>GET /api/batches/{id}</c> plus <c>failureReasons</c> and <c>rejectedRows</c>.
/// </summary>
internal static class BatchReport
{
    /// <summary>Prints <paramref name="view"/>; <paramref name="localResults"/> is where the result files were copied, if they were.</summary>
    public static async Task PrintAsync(CliContext cli, IServiceProvider services, BatchView view, bool json, TimeSpan? elapsed, string? localResults)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(view);
        var reasons = await services.GetRequiredService<BatchQueries>().FailureReasonsAsync(view.Id, cli.Cancellation);
        var rejected = await services.GetRequiredService<BatchReads>().RejectedRowsAsync(view.Id, cli.Cancellation);

        if (json)
        {
            var node = JsonSerializer.SerializeToNode(view, CliJson.Options)!.AsObject();
            node["failureReasons"] = JsonSerializer.SerializeToNode(reasons, CliJson.Options);
            node["rejectedRows"] = JsonSerializer.SerializeToNode(rejected.Select(r => new RejectedRowView(r.Line, r.Reason)), CliJson.Options);
            await cli.Output.WriteLineAsync(node.ToJsonString(CliJson.Options));
            return;
        }

        var output = cli.Output;
        await output.WriteLineAsync($"Batch {view.Id} ({view.Name}): {view.Status}" + (elapsed is { } e ? $" in {e.TotalSeconds:F1} s" : string.Empty));
        await output.WriteLineAsync(
            $"  prospects {view.TotalProspects}, enriched {view.EnrichedProspects}, emails {view.GeneratedEmails}, failed {view.FailedProspects}" +
            $"{(view.SkippedProspects > 0 ? $", skipped {view.SkippedProspects}" : string.Empty)} ({view.PercentDone:F1}% done)");
        if (view.Job is { } job)
        {
            var workflow = view.Workflow is not { } w ? "none" : w.Step == w.Status ? w.Step : $"{w.Step} ({w.Status})";
            await output.WriteLineAsync($"  job {job.Type} {job.Status} {job.ProgressCurrent}/{job.ProgressTotal}; workflow {workflow}; orchestration {view.RuntimeStatus ?? "unknown"}");
        }

        if (view.Tokens is { Prompt: > 0 } or { Completion: > 0 })
        {
            await output.WriteLineAsync($"  model tokens: {view.Tokens.Prompt:N0} prompt, {view.Tokens.Completion:N0} completion");
        }

        if (view.ErrorMessage is { Length: > 0 } error)
        {
            await output.WriteLineAsync($"  {error}");
        }

        if (reasons.Count > 0)
        {
            await output.WriteLineAsync("  failures by reason:");
            foreach (var reason in reasons)
            {
                await output.WriteLineAsync($"    {reason.Count} × {reason.Reason}");
            }
        }

        if (rejected.Count > 0)
        {
            await output.WriteLineAsync($"  rejected rows ({rejected.Count}):");
            foreach (var row in rejected.Take(50))
            {
                await output.WriteLineAsync($"    line {row.Line}: {row.Reason}");
            }

            if (rejected.Count > 50)
            {
                await output.WriteLineAsync($"    … and {rejected.Count - 50} more (`outreach status {view.Id} --json` lists them all)");
            }
        }

        if (view.Results is { } results)
        {
            await output.WriteLineAsync($"  results: {results.EmailsCsv} and {results.RejectedCsv} (storage)");
            if (localResults is not null)
            {
                await output.WriteLineAsync($"  local copy: {localResults}");
            }
        }
    }
}
