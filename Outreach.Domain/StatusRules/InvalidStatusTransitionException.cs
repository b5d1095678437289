namespace Outreach.Domain.StatusRules;

/// <summary>Thrown when an entity is asked to move between two statuses its rules do not connect.</summary>
public sealed class InvalidStatusTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="entity"/> moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public InvalidStatusTransitionException(string entity, Enum from, Enum to)
        : base($"{entity} cannot move from {StatusLabel.Of(from)} to {StatusLabel.Of(to)}.")
    {
        Entity = entity;
        From = StatusLabel.Of(from);
        To = StatusLabel.Of(to);
    }

    /// <summary>The kind of entity, e.g. "Prospect".</summary>
    public string Entity { get; }

    /// <summary>The status the entity was in (database label).</summary>
    public string From { get; }

    /// <summary>The status that was refused (database label).</summary>
    public string To { get; }
}
