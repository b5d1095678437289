using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Hosting;
using Outreach.Functions.Application;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Outreach.Cli.Commands;

/// <summary>
/// Follows a batch on the local engine until it ends. On a terminal: a live display (Spectre.Console) redrawn in
/// place — progress, counts per stage, rate, ETA and the top failure reasons with counts as they happen. Elsewhere
/// (a file, a pipe, CI): a plain line at most every few seconds, only when something moved.
/// </summary>
internal static class ProgressScreen
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Follows <paramref name="batchId"/> until it ends or is paused. Just after a resume (<paramref name="resumed"/>)
    /// the orchestration still reads as suspended until the engine takes the resume; that is not a pause.
    /// </summary>
    public static async Task<FollowOutcome> FollowAsync(CliContext cli, LocalDurableEngine engine, Guid batchId, bool resumed = false)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(engine);
        var queries = engine.Services.GetRequiredService<BatchQueries>();
        var progress = new Progress(resumed);
        if (!cli.Interactive)
        {
            return await FollowPlainAsync(cli, engine, queries, batchId, progress);
        }

        var outcome = FollowOutcome.Ended;
        await cli.ConsoleFor(cli.Error).Live(new Text("Starting…")).AutoClear(false).StartAsync(async live =>
        {
            while (true)
            {
                var (view, reasons) = await ReadAsync(cli, engine, queries, batchId);
                progress.Observe(view);
                live.UpdateTarget(Render(view, reasons, progress));
                if (progress.Ended(view) is { } ended)
                {
                    outcome = ended;
                    return;
                }

                await Task.Delay(Tick, cli.Cancellation);
            }
        });
        return outcome;
    }

    private static async Task<FollowOutcome> FollowPlainAsync(CliContext cli, LocalDurableEngine engine, BatchQueries queries, Guid batchId, Progress progress)
    {
        var lastDone = -1;
        var lastLine = Stopwatch.StartNew();
        while (true)
        {
            var (view, _) = await ReadAsync(cli, engine, queries, batchId, reasons: false);
            progress.Observe(view);
            var ended = progress.Ended(view);
            var done = Done(view);
            if (done != lastDone && (ended is not null || lastLine.Elapsed >= PlainEvery))
            {
                await cli.Error.WriteLineAsync($"{Bar(view.PercentDone)} {done}/{view.TotalProspects} {view.Status} ({Counts(view)}){progress.Pace(view)}");
                (lastDone, lastLine) = (done, Stopwatch.StartNew());
            }

            if (ended is { } outcome)
            {
                return outcome;
            }

            await Task.Delay(Tick, cli.Cancellation);
        }
    }

    private static async Task<(BatchView View, IReadOnlyList<FailureCount> Reasons)> ReadAsync(
        CliContext cli, LocalDurableEngine engine, BatchQueries queries, Guid batchId, bool reasons = true)
    {
        var view = await OutageWait.ReadAsync(() => queries.GetAsync(batchId, BatchQueries.RuntimeStatusOf(engine.Client), cli.Cancellation), cli.Error, cli.Cancellation)
            ?? throw new CliException(ExitCodes.Failed, $"Batch {batchId} disappeared while it ran.");
        var failures = reasons && view.FailedProspects > 0
            ? await OutageWait.ReadAsync(() => queries.FailureReasonsAsync(batchId, cli.Cancellation), cli.Error, cli.Cancellation)
            : [];
        return (view, failures);
    }


    private static int Done(BatchView view) => view.GeneratedEmails + view.FailedProspects + view.SkippedProspects;

    private static string Counts(BatchView view) =>
        $"enriched {view.EnrichedProspects}, emails {view.GeneratedEmails}, failed {view.FailedProspects}" +
        (view.SkippedProspects > 0 ? $", skipped {view.SkippedProspects}" : string.Empty);

    private static Rows Render(BatchView view, IReadOnlyList<FailureCount> reasons, Progress progress)
    {
        var lines = new List<IRenderable>
        {
            new Text($"Batch {view.Id} ({view.Name}) · {view.Status}", new Style(decoration: Decoration.Bold)),
            new Text($"{Bar(view.PercentDone)} {Done(view)}/{view.TotalProspects}"),
            new Text($"  {Counts(view)}"),
        };
        if (progress.Pace(view) is { Length: > 0 } pace)
        {
            lines.Add(new Text($" {pace}"));
        }

        if (reasons.Count > 0)
        {
            lines.Add(new Text("  top failure reasons:"));
            lines.AddRange(reasons.Take(5).Select(r => new Text($"    {r.Count} × {r.Reason}", new Style(Color.Yellow))));
        }

        return new Rows(lines);
    }

    private static string Bar(double percent)
    {
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 5);
        return $"[{new string('#', filled)}{new string('.', 20 - filled)}] {percent,5:F1}%";
    }

    /// <summary>What following has seen: prospects per second over the last minute, the time left at that pace, and whether the batch ended.</summary>
    private sealed class Progress(bool resumed)
    {
        private readonly ProgressRate _rate = new(TimeSpan.FromMinutes(1), TimeProvider.System);
        private bool _awaitingResume = resumed;

        public void Observe(BatchView view)
        {
            _rate.Observe(Done(view));
            _awaitingResume &= view.RuntimeStatus is "Suspended";
        }

        // Ended when the batch has its results and its orchestration has stopped; paused when the orchestration is suspended.
        public FollowOutcome? Ended(BatchView view) =>
            view.RuntimeStatus is "Suspended" ? (_awaitingResume ? null : FollowOutcome.Paused)
            : (view.Results is not null && view.RuntimeStatus is not ("Running" or "Pending")) || view.RuntimeStatus is "Failed" or "Terminated" ? FollowOutcome.Ended
            : null;

        public string Pace(BatchView view)
        {
            var left = Math.Max(0, view.TotalProspects - Done(view));
            return _rate.PerSecond switch
            {
                null => string.Empty,
                0 when left > 0 => $" · none finished in the last {_rate.Window.TotalSeconds:F0} s",
                0 => string.Empty,
                var rate when left == 0 => $" · {rate:F1} prospects/s",
                var rate => $" · {rate:F1} prospects/s, about {TimeSpan.FromSeconds(Math.Ceiling(left / rate.Value)):g} left",
            };
        }
    }
}
