namespace Outreach.Cli;

/// <summary>What the <c>outreach</c> command's exit codes mean (the README's table).</summary>
public static class ExitCodes
{
    /// <summary>Done (for <c>run</c>: the batch ended COMPLETED or PARTIAL).</summary>
    public const int Ok = 0;

    /// <summary>The work ran and failed (a FAILED batch, a failed migration), or something unexpected happened (see the log).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or settings — an unknown campaign, batch or file, a value refused, a setting missing: nothing was done; the message says what to fix.</summary>
    public const int BadInput = 2;

    /// <summary>PostgreSQL or storage could not be used: not reachable, credentials refused, schema not migrated. The message names the service, the setting and the fix.</summary>
    public const int Unavailable = 3;

    /// <summary>The batch's state does not allow the operation (pause a finished batch, retry a running one); the message says why.</summary>
    public const int Conflict = 4;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); nothing is lost and a rerun resumes.</summary>
    public const int Stopped = 130;
}
