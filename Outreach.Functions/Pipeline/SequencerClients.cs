using Outreach.Domain.Enums;
using Outreach.Functions.Contracts;

namespace Outreach.Functions.Pipeline;

/// <summary>The sequencer client of each <see cref="PushTarget"/>, from the registered <see cref="ISequencerClient"/>s.</summary>
public sealed class SequencerClients(IEnumerable<ISequencerClient> clients)
{
    /// <summary>Leads one page of a push carries at least: a one-lead-per-call sequencer still works through pages of this many.</summary>
    public const int MinPageSize = 50;

    /// <summary>The client of <paramref name="target"/>.</summary>
    public ISequencerClient For(PushTarget target) =>
        clients.FirstOrDefault(c => c.Target == target) ?? throw new InvalidOperationException($"No sequencer client is registered for {target}.");

    /// <summary>How many emails one page of a push to <paramref name="target"/> holds.</summary>
    public int PageSize(PushTarget target) => Math.Max(For(target).BatchLimit, MinPageSize);
}
