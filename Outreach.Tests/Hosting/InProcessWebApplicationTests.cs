using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Outreach.Cli.Hosting;

namespace Outreach.Tests.Hosting;

/// <summary>
/// The CLI's in-process web servers watch no directory: a default builder watched the workspace recursively
/// (6,122 inotify watches in one benchmark process, woken by every PostgreSQL and Azurite write).
/// </summary>
public sealed class InProcessWebApplicationTests
{
    [Fact]
    public void CreateBuilder_WhenCreated_ReloadsNoConfigurationFileAndRootsAtTheApplication()
    {
        var builder = InProcessWebApplication.CreateBuilder();

        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.DoesNotContain(files, f => f.ReloadOnChange);
        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath));
    }

    [Fact]
    public void CreateSlimBuilder_ByDefault_ReloadsAppSettingsFromTheCurrentDirectory()
    {
        // What the helper exists to avoid; if a framework update stops doing this, the helper can go.
        var builder = WebApplication.CreateSlimBuilder();

        Assert.Contains(builder.Configuration.Sources.OfType<FileConfigurationSource>(), f => f.ReloadOnChange);
    }
}
