using System.ComponentModel.DataAnnotations;

namespace Outreach.Data.Persistence;

/// <summary>The PostgreSQL connection, from <c>ConnectionStrings__Outreach</c> (an app setting in Azure).</summary>
public sealed class DatabaseOptions
{
    /// <summary>Bound from the standard connection-strings section, so Functions, the CLI and EF tooling agree.</summary>
    public const string SectionName = "ConnectionStrings";

    /// <summary>Npgsql connection string of the Outreach database.</summary>
    [Required(ErrorMessage = "ConnectionStrings__Outreach is not set: point it at the Outreach PostgreSQL database (locally, eng/start-services.sh writes one to .local/services.env).")]
    public string? Outreach { get; set; }
}
