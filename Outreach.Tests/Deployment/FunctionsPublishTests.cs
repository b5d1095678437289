using System.Diagnostics;
using System.Text.Json.Nodes;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Deployment;

/// <summary>
/// What the Functions project publishes (azd's packaging runs <c>dotnet publish</c>): Linux x64, framework-dependent,
/// ReadyToRun — and only when publishing, so builds and tests keep their portable output.
/// </summary>
public sealed class FunctionsPublishTests
{
    [Fact]
    public async Task Publish_OfTheFunctionsApp_IsPrecompiledForLinuxX64AndABuildIsNot()
    {
        var published = await PropertiesAsync(publishing: true);
        var built = await PropertiesAsync(publishing: false);

        Assert.Equal(("linux-x64", "true", "false"), (published["RuntimeIdentifier"], published["PublishReadyToRun"], published["SelfContained"]));
        Assert.Equal((string.Empty, string.Empty), (built["RuntimeIdentifier"], built["PublishReadyToRun"]));
    }

    // The project's properties as MSBuild evaluates them, with _IsPublishing set as `dotnet publish` sets it.
    private static async Task<Dictionary<string, string>> PropertiesAsync(bool publishing)
    {
        var project = Path.Combine(TestEnvironment.RepositoryRoot, "Outreach.Functions", "Outreach.Functions.csproj");
        var start = new ProcessStartInfo(
            "dotnet",
            ["msbuild", project, "-getProperty:RuntimeIdentifier", "-getProperty:PublishReadyToRun", "-getProperty:SelfContained", $"-p:_IsPublishing={(publishing ? "true" : "false")}"]);
        var msbuild = await ChildProcess.RunAsync(start, "msbuild", TimeSpan.FromMinutes(2));

        Assert.True(msbuild.ExitCode == 0, msbuild.Error);
        var properties = JsonNode.Parse(msbuild.Output)!["Properties"]!.AsObject();
        return properties.ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty);
    }
}
