namespace Outreach.Cli.Hosting;

/// <summary>
/// Where the command keeps its files: the workspace's <c>.local/</c> — the nearest directory, from the current one
/// up, that has a <c>.local</c> folder (a clone where eng/start-services.sh ran) or a <c>local.settings.json</c>;
/// else the current directory. So <c>outreach</c> run from a subfolder of the clone writes where the README says.
/// </summary>
internal static class CliPaths
{
    /// <summary>The workspace directory.</summary>
    public static string Workspace(string? start = null)
    {
        var first = new DirectoryInfo(start ?? Directory.GetCurrentDirectory());
        for (var directory = first; directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".local")) || File.Exists(Path.Combine(directory.FullName, "local.settings.json")))
            {
                return directory.FullName;
            }
        }

        return first.FullName;
    }

    /// <summary><c>.local/logs</c> of the workspace, unless <c>Cli__LogDirectory</c> names another.</summary>
    public static string Logs(string? configured) => configured is { Length: > 0 } ? Path.GetFullPath(configured) : Path.Combine(Workspace(), ".local", "logs");

    /// <summary><c>.local/results/{batchId}</c> of the workspace (or of <c>Cli__ResultsDirectory</c>): the local copy of a finished batch's result files.</summary>
    public static string Results(string? configured, Guid batchId) =>
        Path.Combine(configured is { Length: > 0 } ? Path.GetFullPath(configured) : Path.Combine(Workspace(), ".local", "results"), batchId.ToString("D"));
}
