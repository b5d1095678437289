namespace Outreach.Cli;

/// <summary>What the <c>outreach</c> command's exit codes mean.</summary>
public static class ExitCodes
{
    /// <summary>Done (for <c>run</c>: the batch ended COMPLETED or PARTIAL).</summary>
    public const int Ok = 0;

    /// <summary>The work ran and failed (a FAILED batch, a failed migration).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or settings: nothing was done; the message says what to fix.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); nothing is lost and a rerun resumes.</summary>
    public const int Stopped = 130;
}
