namespace Outreach.Domain.Entities;

/// <summary>
/// Base of every table row: a UUIDv7 key (time-ordered, so inserts stay at the right edge of the index,
/// and created in the process so bulk COPY can write rows without a round trip for ids) and the
/// created/updated timestamps every table carries.
/// </summary>
public abstract class Entity
{
    /// <summary>Creates a new row stamped with <paramref name="now"/>.</summary>
    protected Entity(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        Id = Guid.CreateVersion7(utc);
        CreatedAt = utc;
        UpdatedAt = utc;
    }

    /// <summary>For EF Core materialization.</summary>
    protected Entity()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Records a change; Npgsql only writes UTC values to timestamptz, so the time is normalized here.</summary>
    protected DateTimeOffset Touch(DateTimeOffset now)
    {
        UpdatedAt = now.ToUniversalTime();
        return UpdatedAt;
    }
}
