using Microsoft.Extensions.Logging;
using Outreach.Cli.Commands;

namespace Outreach.Tests.Cli;

/// <summary>The CLI's console logging: a calm screen by default, everything with --verbose.</summary>
public sealed class CliLoggingTests
{
    [Theory]
    [InlineData("Polly", LogLevel.Error, false)]
    [InlineData("System.Net.Http.HttpClient.website.LogicalHandler", LogLevel.Warning, false)]
    [InlineData("Microsoft.DurableTask.Worker", LogLevel.Warning, false)]
    [InlineData("Outreach.Functions.Pipeline.ProspectStore", LogLevel.Warning, true)]
    [InlineData("Outreach.Functions.Pipeline.ProspectStore", LogLevel.Information, false)]
    public void Create_WhenNotVerbose_ShowsTheAppsWarningsButNotRetryNoise(string category, LogLevel level, bool shown)
    {
        using var logging = CliLogging.Create(verbose: false);

        Assert.Equal(shown, logging.CreateLogger(category).IsEnabled(level));
    }

    [Theory]
    [InlineData("Polly")]
    [InlineData("Outreach.Functions.Pipeline.ProspectStore")]
    public void Create_WhenVerbose_ShowsInformationFromEveryone(string category)
    {
        using var logging = CliLogging.Create(verbose: true);

        Assert.True(logging.CreateLogger(category).IsEnabled(LogLevel.Information));
    }
}
