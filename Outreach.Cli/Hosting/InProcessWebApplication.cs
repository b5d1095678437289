using Microsoft.AspNetCore.Builder;

namespace Outreach.Cli.Hosting;

/// <summary>
/// The builder of every web server the CLI runs inside its own process: the Durable engine's gRPC sidecar, the console
/// of <c>outreach serve</c>, the benchmark's fake provider. They are configured in code and read no appsettings.json.
/// <para>
/// A default builder watches its content root, the current directory, recursively for appsettings.json changes. For
/// the CLI that directory is the workspace: node_modules, and .local with PostgreSQL's data and Azurite's files. One
/// benchmark process held 6,122 inotify watches, and every database and storage write woke it. Here the content root
/// is the application's own directory, and configuration is not reloaded, so nothing is watched.
/// </para>
/// </summary>
internal static class InProcessWebApplication
{
    /// <summary>The host setting that turns off reloading appsettings.json, and with it the file watcher.</summary>
    internal const string NoReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>A slim builder that watches no directory.</summary>
    public static WebApplicationBuilder CreateBuilder() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoReload], ContentRootPath = AppContext.BaseDirectory });
}
