using System.Collections.Frozen;

namespace Outreach.Domain.StatusRules;

/// <summary>
/// The legal moves between the statuses of one kind of entity. Entities call
/// <see cref="EnsureCanMove"/> before they change status; activities use <see cref="PredecessorsOf"/>
/// to build guarded SQL updates (<c>WHERE status = ANY(@from)</c>) that apply the same rules.
/// </summary>
/// <typeparam name="TStatus">The status enum.</typeparam>
public sealed class StatusMachine<TStatus>
    where TStatus : struct, Enum
{
    private readonly FrozenDictionary<TStatus, FrozenSet<TStatus>> _next;

    /// <summary>Creates the machine; every status must be listed, terminal ones with no successors.</summary>
    public StatusMachine(string entity, IReadOnlyDictionary<TStatus, TStatus[]> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        Entity = entity;
        var missing = Enum.GetValues<TStatus>().Where(s => !transitions.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            // A status nobody thought about is a bug in the rules, not a terminal state by accident.
            throw new ArgumentException($"{entity} rules do not say where {string.Join(", ", missing)} may go.", nameof(transitions));
        }

        _next = transitions.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet());
    }

    /// <summary>The entity name used in error messages.</summary>
    public string Entity { get; }

    /// <summary>Whether <paramref name="from"/> → <paramref name="to"/> is a legal move.</summary>
    public bool CanMove(TStatus from, TStatus to) => _next[from].Contains(to);

    /// <summary>Throws <see cref="InvalidStatusTransitionException"/> unless the move is legal.</summary>
    public void EnsureCanMove(TStatus from, TStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new InvalidStatusTransitionException(Entity, from, to);
        }
    }

    /// <summary>Statuses from which <paramref name="to"/> may be reached.</summary>
    public IReadOnlyList<TStatus> PredecessorsOf(TStatus to) =>
        _next.Where(kv => kv.Value.Contains(to)).Select(kv => kv.Key).Order().ToList();

    /// <summary>Statuses with no way out.</summary>
    public IReadOnlyList<TStatus> TerminalStatuses =>
        _next.Where(kv => kv.Value.Count == 0).Select(kv => kv.Key).Order().ToList();
}
